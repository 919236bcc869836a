package io.pma.history;

import io.pma.history.HistoryReader.StateRow;
import java.util.List;

/**
 * Computes one period's statistics from raw states and combines shorter periods into longer ones.
 * The mean is time-weighted over the time the state was a number (an "unavailable" stretch
 * counts for nothing); min and max include the value in force at the start. Pure.
 */
final class Rollup {
  private Rollup() {}

  /**
   * One period [{@code start}, {@code end}) from the state in force at its start and the states
   * recorded after it; {@code until} is where the data stops ({@code end}, or now for the
   * running period). Null when the entity was never a number during the period.
   */
  static StatisticsRow period(long start, long end, long until, StateRow inForce,
      List<StateRow> rows, CounterKind kind, Double previousTotal) {
    double weighted = 0;
    long numericMs = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long count = 0;
    double increase = 0;
    Double reference = null;
    Double current = inForce == null ? null : inForce.number();
    long from = start;
    if (current != null) {
      min = max = current;
      reference = current;
      if (inForce.ts() == start) {
        count++;
      }
    }
    for (StateRow row : rows) {
      long to = Math.min(row.ts(), until);
      if (current != null && to > from) {
        weighted += current * (to - from);
        numericMs += to - from;
      }
      from = Math.max(from, to);
      current = row.number();
      if (current == null) {
        continue;
      }
      count++;
      min = Math.min(min, current);
      max = Math.max(max, current);
      if (reference != null) {
        increase += kind.increase(reference, current);
        reference = kind.reference(reference, current);
      } else {
        reference = current;
      }
    }
    if (current != null && until > from) {
      weighted += current * (until - from);
      numericMs += until - from;
    }
    if (min == Double.POSITIVE_INFINITY) {
      return null;
    }
    double mean = numericMs > 0 ? weighted / numericMs : current != null ? current : min;
    Double change = kind.counter() ? increase : null;
    Double sum = kind.counter() ? (previousTotal == null ? 0 : previousTotal) + increase : null;
    return new StatisticsRow(start, end, mean, min, max, count, change, sum, until < end);
  }

  /**
   * Combines consecutive rows into one period: the mean of their means, the extremes, the summed
   * counts and increases, the last running total.
   */
  static StatisticsRow combine(long start, long end, List<StatisticsRow> parts) {
    double meanSum = 0;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    long count = 0;
    Double change = null;
    Double sum = null;
    boolean partial = false;
    for (StatisticsRow part : parts) {
      meanSum += part.mean();
      min = Math.min(min, part.min());
      max = Math.max(max, part.max());
      count += part.count();
      if (part.change() != null) {
        change = (change == null ? 0 : change) + part.change();
      }
      if (part.sum() != null) {
        sum = part.sum();
      }
      partial |= part.partial();
    }
    return new StatisticsRow(start, end, meanSum / parts.size(), min, max, count, change, sum,
        partial);
  }
}
