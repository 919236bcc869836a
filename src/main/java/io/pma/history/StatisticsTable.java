package io.pma.history;

import io.pma.store.sql.SqlDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.List;

/** The SQL of the statistics rows and of the rollups' progress marks. Stateless. */
final class StatisticsTable {
  static final int FIVE_MINUTES = 300;
  static final int HOUR = 3600;

  private StatisticsTable() {}

  static void upsert(Connection c, int entity, int period, StatisticsRow row)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO history_statistics(entity,"
        + " period, start, mean, minimum, maximum, samples, increase, total)"
        + " VALUES (?,?,?,?,?,?,?,?,?) ON CONFLICT(entity, period, start) DO UPDATE SET"
        + " mean=excluded.mean, minimum=excluded.minimum, maximum=excluded.maximum,"
        + " samples=excluded.samples, increase=excluded.increase, total=excluded.total")) {
      ps.setInt(1, entity);
      ps.setInt(2, period);
      ps.setLong(3, row.start());
      ps.setDouble(4, row.mean());
      ps.setDouble(5, row.min());
      ps.setDouble(6, row.max());
      ps.setLong(7, row.count());
      setNullable(ps, 8, row.change());
      setNullable(ps, 9, row.sum());
      ps.executeUpdate();
    }
  }

  /** Stored rows with {@code from <= start < to}, in time order. */
  static List<StatisticsRow> rows(Connection c, int entity, int period, long from, long to)
      throws SQLException {
    return SqlDatabase.query(c, "SELECT start, mean, minimum, maximum, samples, increase, total"
        + " FROM history_statistics WHERE entity=? AND period=? AND start>=? AND start<?"
        + " ORDER BY start", rs -> {
          long start = rs.getLong(1);
          return new StatisticsRow(start, start + period * 1000L, rs.getDouble(2),
              rs.getDouble(3), rs.getDouble(4), rs.getLong(5), nullable(rs, 6), nullable(rs, 7),
              false);
        }, entity, period, from, to);
  }

  /** The running total of the last stored row before {@code before}; null when none. */
  static Double lastTotal(Connection c, int entity, int period, long before) throws SQLException {
    return SqlDatabase.queryFirst(c, "SELECT total FROM history_statistics"
        + " WHERE entity=? AND period=? AND start<? ORDER BY start DESC LIMIT 1",
        rs -> nullable(rs, 1), entity, period, before).orElse(null);
  }

  /** Up to where (epoch ms, exclusive) the rollups of {@code period} are stored; null: never. */
  static Long progress(Connection c, int period) throws SQLException {
    return SqlDatabase.queryFirst(c, "SELECT through FROM history_progress WHERE name=?",
        rs -> rs.getLong(1), "statistics_" + period).orElse(null);
  }

  static void setProgress(Connection c, int period, long through) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO history_progress(name, through)"
        + " VALUES (?,?) ON CONFLICT(name) DO UPDATE SET through=excluded.through")) {
      ps.setString(1, "statistics_" + period);
      ps.setLong(2, through);
      ps.executeUpdate();
    }
  }

  static List<Integer> entities(Connection c) throws SQLException {
    return SqlDatabase.query(c, "SELECT id FROM history_entities", rs -> rs.getInt(1));
  }

  private static void setNullable(PreparedStatement ps, int index, Double value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, value);
    }
  }

  private static Double nullable(ResultSet rs, int index) throws SQLException {
    double value = rs.getDouble(index);
    return rs.wasNull() ? null : value;
  }
}
