package io.pma.history;

/**
 * One period of an entity's statistics (epoch ms bounds): time-weighted mean, extremes, the
 * number of samples recorded in it, and for counters the increase within it and the running
 * total since statistics began (null otherwise). {@code partial}: the period is still running.
 */
public record StatisticsRow(long start, long end, double mean, double min, double max,
    long count, Double change, Double sum, boolean partial) {

  StatisticsRow asPartial(boolean running) {
    return running == partial ? this
        : new StatisticsRow(start, end, mean, min, max, count, change, sum, running);
  }
}
