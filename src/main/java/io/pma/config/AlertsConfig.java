package io.pma.config;

/**
 * Thresholds of the performance alerts; a threshold of 0 switches that alert off. An alert is
 * raised when a sample reaches its threshold and resolved only when a sample falls below
 * {@code threshold * (1 - hysteresis)}, so a value hovering at the threshold raises it once.
 */
public record AlertsConfig(
    double heapUsedPercent,
    double eventLoopBlockedMs,
    double fanoutP99Ms,
    double outboundQueueDepth,
    double databaseWriteLagMs,
    double hysteresis) {

  public AlertsConfig {
    nonNegative("system.alerts.heap_used_percent", heapUsedPercent);
    if (heapUsedPercent > 100) {
      throw new IllegalArgumentException("system.alerts.heap_used_percent must be at most 100");
    }
    nonNegative("system.alerts.event_loop_blocked_ms", eventLoopBlockedMs);
    nonNegative("system.alerts.fanout_p99_ms", fanoutP99Ms);
    nonNegative("system.alerts.outbound_queue_depth", outboundQueueDepth);
    nonNegative("system.alerts.database_write_lag_ms", databaseWriteLagMs);
    if (!(hysteresis >= 0 && hysteresis < 1)) {
      throw new IllegalArgumentException("system.alerts.hysteresis must be in [0, 1) (got "
          + hysteresis + ")");
    }
  }

  private static void nonNegative(String key, double value) {
    if (!(value >= 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(key + " must be a number >= 0 (got " + value + ")");
    }
  }
}
