package io.pma.history;

import io.pma.store.sql.SqlDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Retention: removes states and attribute rows older than {@code keep_days}, 5-minute statistics
 * older than that too, and hourly statistics older than {@code statistics_keep_days} (0 = kept
 * for ever). Each entity keeps its newest state and attribute row from before the cut, so "the
 * state in force at start" stays answerable at the edge of what is kept. Work is cut into steps
 * of at most {@link #STEP_ROWS} rows of one entity, each its own short transaction, which the
 * recorder interleaves with its batches: a purge never holds writes up. Confined to the
 * recorder's thread.
 */
final class Purge {
  static final int STEP_ROWS = 2_000;
  private static final long DAY_MS = 86_400_000L;

  private final SqlDatabase database;
  private final int keepDays;
  private final int statisticsKeepDays;
  /** Entities still to purge in the running round; empty between rounds. */
  private final Deque<Integer> pending = new ArrayDeque<>();
  private long cutoff;
  private long statisticsCutoff;

  Purge(SqlDatabase database, int keepDays, int statisticsKeepDays) {
    this.database = database;
    this.keepDays = keepDays;
    this.statisticsKeepDays = statisticsKeepDays;
  }

  /** Starts a round over every recorded entity, cutting at {@code now}. */
  void begin(long now) {
    cutoff = now - keepDays * DAY_MS;
    statisticsCutoff = statisticsKeepDays == 0 ? Long.MIN_VALUE : now - statisticsKeepDays * DAY_MS;
    pending.clear();
    database.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM history_entities")) {
        ResultSet rs = ps.executeQuery();
        while (rs.next()) {
          pending.add(rs.getInt(1));
        }
      }
      return null;
    });
  }

  boolean running() {
    return !pending.isEmpty();
  }

  /** One bounded step; returns the rows it removed. The entity moves on once it has none left. */
  int step() {
    Integer entity = pending.peek();
    if (entity == null) {
      return 0;
    }
    int removed = database.inTransaction(c -> keepingNewest(c, "history_states", entity)
        + keepingNewest(c, "history_attributes", entity)
        + statistics(c, entity, 300, cutoff)
        + statistics(c, entity, 3600, statisticsCutoff));
    if (removed == 0) {
      pending.poll();
    }
    return removed;
  }

  private int keepingNewest(Connection c, String table, int entity) throws SQLException {
    Long newestBeforeCut = single(c, "SELECT MAX(ts) FROM " + table + " WHERE entity=? AND ts<?",
        entity, cutoff);
    if (newestBeforeCut == null) {
      return 0;
    }
    Long stepEnd = single(c, "SELECT ts FROM " + table + " WHERE entity=? AND ts<? ORDER BY ts"
        + " LIMIT 1 OFFSET " + STEP_ROWS, entity, newestBeforeCut);
    long before = stepEnd == null ? newestBeforeCut : stepEnd;
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table
        + " WHERE entity=? AND ts<?")) {
      ps.setInt(1, entity);
      ps.setLong(2, before);
      return ps.executeUpdate();
    }
  }

  private int statistics(Connection c, int entity, int period, long before) throws SQLException {
    if (before == Long.MIN_VALUE) {
      return 0;
    }
    Long stepEnd = single(c, "SELECT start FROM history_statistics WHERE entity=? AND period="
        + period + " AND start<? ORDER BY start LIMIT 1 OFFSET " + STEP_ROWS, entity, before);
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM history_statistics"
        + " WHERE entity=? AND period=? AND start<?")) {
      ps.setInt(1, entity);
      ps.setInt(2, period);
      ps.setLong(3, stepEnd == null ? before : stepEnd);
      return ps.executeUpdate();
    }
  }

  private static Long single(Connection c, String sql, int entity, long value)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setInt(1, entity);
      ps.setLong(2, value);
      ResultSet rs = ps.executeQuery();
      if (!rs.next()) {
        return null;
      }
      long result = rs.getLong(1);
      return rs.wasNull() ? null : result;
    }
  }
}
