package io.pma.history;

import io.pma.history.HistoryReader.AttributeRow;
import io.pma.history.HistoryReader.StateRow;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** One entity's 5-minute period computed from its raw states. Stateless. */
final class FiveMinutes {
  static final long MS = StatisticsTable.FIVE_MINUTES * 1000L;

  private FiveMinutes() {}

  /** The period starting at {@code start}, with data up to {@code until}; null if never numeric. */
  static StatisticsRow compute(Connection c, int entity, long start, long until,
      Double previousTotal, boolean previousKnown) throws SQLException {
    HistoryReader reader = new HistoryReader(c);
    long end = start + MS;
    StateRow inForce = reader.stateAt(entity, start);
    List<StateRow> rows = reader.states(entity, start, Math.min(end, until + 1) - 1);
    if ((inForce == null || inForce.number() == null)
        && rows.stream().allMatch(r -> r.number() == null)) {
      return null;
    }
    AttributeRow attributes = reader.attributesAt(entity, end - 1);
    CounterKind kind = CounterKind.of(attributes == null ? null : attributes.attributes());
    Double total = previousTotal;
    if (kind.counter() && !previousKnown) {
      total = StatisticsTable.lastTotal(c, entity, StatisticsTable.FIVE_MINUTES, start);
    }
    return Rollup.period(start, end, Math.min(end, until), inForce, rows, kind, total);
  }
}
