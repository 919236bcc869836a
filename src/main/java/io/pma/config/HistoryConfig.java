package io.pma.config;

import java.util.List;

/**
 * The recorder of entity history (docs/HISTORY.md). {@code enabled}: record at all (off for the
 * recorder-on/off benchmark and for installations that want none). {@code keep_days}: raw states
 * and 5-minute statistics older than this are purged; {@code statistics_keep_days}: hourly
 * statistics (0 = for ever). {@code include} / {@code exclude}: entity-id globs; empty include =
 * every entity, exclude wins. {@code flush_interval_ms}: how often a batch is written.
 */
public record HistoryConfig(boolean enabled, int keepDays, int statisticsKeepDays,
    List<String> include, List<String> exclude, int flushIntervalMs) {
  public HistoryConfig {
    Checks.range("history.keep_days", keepDays, 1, 3_650);
    Checks.range("history.statistics_keep_days", statisticsKeepDays, 0, 36_500);
    Checks.range("history.flush_interval_ms", flushIntervalMs, 10, 60_000);
    include = include == null ? List.of() : List.copyOf(include);
    exclude = exclude == null ? List.of() : List.copyOf(exclude);
  }
}
