package io.pma.history;

import io.pma.store.sql.SqlDatabase;
import java.util.ArrayList;
import java.util.List;

/**
 * Computes the statistics incrementally: each closed 5-minute period once, from the raw states
 * (a period closes for this job {@code settleMs} after its end, once the recorder has surely
 * written its states); each closed hour once, from its twelve 5-minute rows. Progress marks in
 * the database say how far each got, so a restart or another node carries on where it stopped;
 * rows are upserts, so two nodes computing the same period store the same row. At most
 * {@link #MAX_PERIODS_PER_RUN} periods per run, each in its own transaction, so that catching up
 * after a long stop never holds the recorder's writes up. Confined to the recorder's thread.
 */
final class Rollups {
  static final int MAX_PERIODS_PER_RUN = 24;
  private static final long HOUR_MS = StatisticsTable.HOUR * 1000L;

  private final SqlDatabase database;
  private final long settleMs;

  Rollups(SqlDatabase database, long settleMs) {
    this.database = database;
    this.settleMs = settleMs;
  }

  void run(long now) {
    long closedBefore = now - settleMs;
    long fiveThrough = start(StatisticsTable.FIVE_MINUTES, FiveMinutes.MS, now);
    for (int i = 0; i < MAX_PERIODS_PER_RUN && fiveThrough + FiveMinutes.MS <= closedBefore;
        i++) {
      long period = fiveThrough;
      database.inTransaction(c -> {
        for (int entity : StatisticsTable.entities(c)) {
          StatisticsRow row = FiveMinutes.compute(c, entity, period, period + FiveMinutes.MS,
              null, false);
          if (row != null) {
            StatisticsTable.upsert(c, entity, StatisticsTable.FIVE_MINUTES, row);
          }
        }
        StatisticsTable.setProgress(c, StatisticsTable.FIVE_MINUTES, period + FiveMinutes.MS);
        return null;
      });
      fiveThrough += FiveMinutes.MS;
    }
    long hourThrough = start(StatisticsTable.HOUR, HOUR_MS, now);
    for (int i = 0; i < MAX_PERIODS_PER_RUN && hourThrough + HOUR_MS <= fiveThrough; i++) {
      long hour = hourThrough;
      database.inTransaction(c -> {
        for (int entity : StatisticsTable.entities(c)) {
          List<StatisticsRow> parts = StatisticsTable.rows(c, entity,
              StatisticsTable.FIVE_MINUTES, hour, hour + HOUR_MS);
          if (!parts.isEmpty()) {
            StatisticsTable.upsert(c, entity, StatisticsTable.HOUR,
                Rollup.combine(hour, hour + HOUR_MS, new ArrayList<>(parts)));
          }
        }
        StatisticsTable.setProgress(c, StatisticsTable.HOUR, hour + HOUR_MS);
        return null;
      });
      hourThrough += HOUR_MS;
    }
  }

  /** Marks where the rollups start on a database that has none: the current periods. */
  void begin(long now) {
    start(StatisticsTable.FIVE_MINUTES, FiveMinutes.MS, now);
    start(StatisticsTable.HOUR, HOUR_MS, now);
  }

  /** Where a period's rollups stand; the first run starts at the current period. */
  private long start(int period, long periodMs, long now) {
    return database.inTransaction(c -> {
      Long through = StatisticsTable.progress(c, period);
      if (through != null) {
        return through;
      }
      long first = Math.floorDiv(now, periodMs) * periodMs;
      StatisticsTable.setProgress(c, period, first);
      return first;
    });
  }
}
