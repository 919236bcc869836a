package io.pma.history;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Answers one entity's statistics for a range: stored rows where the rollups have got to, and
 * the rest (the running period, and closed ones the rollups have not reached yet) computed on the
 * spot the same way. Days and months combine hourly rows, cut at midnight in {@code zone}.
 * Stateless apart from its parameters; runs on a worker thread.
 */
final class StatisticsQuery {
  private static final long FIVE_MS = FiveMinutes.MS;
  private static final long HOUR_MS = StatisticsTable.HOUR * 1000L;

  private final Connection c;
  private final int entity;
  private final long now;
  /** How far the 5-minute and hourly rollups are stored (null: never run); read once per request. */
  private final Long fiveProgress;
  private final Long hourProgress;

  StatisticsQuery(Connection connection, int entity, long now, Long fiveProgress,
      Long hourProgress) {
    this.c = connection;
    this.entity = entity;
    this.now = now;
    this.fiveProgress = fiveProgress;
    this.hourProgress = hourProgress;
  }

  List<StatisticsRow> read(StatisticsPeriod period, long start, long end, ZoneId zone)
      throws SQLException {
    return switch (period) {
      case FIVE_MINUTE -> fiveMinutes(floor(start, FIVE_MS), end);
      case HOUR -> hours(floor(start, HOUR_MS), end);
      case DAY, MONTH -> calendar(period, start, end, zone);
    };
  }

  /** 5-minute rows starting in [from, to): stored, then computed past the rollups' progress. */
  private List<StatisticsRow> fiveMinutes(long from, long to) throws SQLException {
    Long progress = fiveProgress;
    long stored = progress == null ? from : Math.max(from, Math.min(progress, to));
    List<StatisticsRow> rows = new ArrayList<>(
        StatisticsTable.rows(c, entity, StatisticsTable.FIVE_MINUTES, from, stored));
    Double total = rows.isEmpty() ? null : rows.get(rows.size() - 1).sum();
    boolean totalKnown = !rows.isEmpty();
    for (long t = stored; t < to && t <= now; t += FIVE_MS) {
      StatisticsRow row = FiveMinutes.compute(c, entity, t, Math.min(t + FIVE_MS, now), total,
          totalKnown);
      if (row != null) {
        rows.add(row);
        total = row.sum();
        totalKnown = true;
      }
    }
    return rows;
  }

  /** Hourly rows starting in [from, to): stored, then combined from 5-minute rows. */
  private List<StatisticsRow> hours(long from, long to) throws SQLException {
    Long progress = hourProgress;
    long stored = progress == null ? from : Math.max(from, Math.min(progress, to));
    List<StatisticsRow> rows = new ArrayList<>(
        StatisticsTable.rows(c, entity, StatisticsTable.HOUR, from, stored));
    if (stored < to && stored <= now) {
      List<StatisticsRow> fives = fiveMinutes(stored, Math.min(to, floor(now, HOUR_MS) + HOUR_MS));
      for (long hour = stored; hour < to && hour <= now; hour += HOUR_MS) {
        List<StatisticsRow> parts = new ArrayList<>();
        for (StatisticsRow five : fives) {
          if (five.start() >= hour && five.start() < hour + HOUR_MS) {
            parts.add(five);
          }
        }
        if (!parts.isEmpty()) {
          rows.add(Rollup.combine(hour, hour + HOUR_MS, parts).asPartial(hour + HOUR_MS > now));
        }
      }
    }
    return rows;
  }

  private List<StatisticsRow> calendar(StatisticsPeriod period, long start, long end, ZoneId zone)
      throws SQLException {
    ZonedDateTime first = Instant.ofEpochMilli(start).atZone(zone).truncatedTo(ChronoUnit.DAYS);
    if (period == StatisticsPeriod.MONTH) {
      first = first.withDayOfMonth(1);
    }
    List<StatisticsRow> hourly = hours(floor(first.toInstant().toEpochMilli(), HOUR_MS), end);
    List<StatisticsRow> rows = new ArrayList<>();
    int next = 0;
    for (ZonedDateTime bucket = first; bucket.toInstant().toEpochMilli() < end;) {
      ZonedDateTime after = period == StatisticsPeriod.MONTH ? bucket.plusMonths(1)
          : bucket.plusDays(1);
      long from = bucket.toInstant().toEpochMilli();
      long to = after.toInstant().toEpochMilli();
      List<StatisticsRow> parts = new ArrayList<>();
      while (next < hourly.size() && hourly.get(next).start() < to) {
        if (hourly.get(next).start() >= from) {
          parts.add(hourly.get(next));
        }
        next++;
      }
      if (!parts.isEmpty()) {
        rows.add(Rollup.combine(from, to, parts).asPartial(to > now && from <= now));
      }
      bucket = after;
    }
    return rows;
  }

  private static long floor(long ms, long period) {
    return Math.floorDiv(ms, period) * period;
  }
}
