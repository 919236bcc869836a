package io.pma.system;

import io.pma.config.AlertsConfig;
import java.util.function.ToDoubleFunction;

/** The figures a performance alert can watch: the {@code metric} name, its value and threshold. */
public enum AlertMetric {
  HEAP_USED_PERCENT("heap_used_percent", "%", PerformanceSample::heapUsedPercent,
      AlertsConfig::heapUsedPercent),
  EVENT_LOOP_BLOCKED_MS("event_loop_blocked_ms", " ms", PerformanceSample::eventLoopBlockedMs,
      AlertsConfig::eventLoopBlockedMs),
  FANOUT_P99_MS("fanout_p99_ms", " ms", PerformanceSample::fanoutP99Ms,
      AlertsConfig::fanoutP99Ms),
  OUTBOUND_QUEUE_DEPTH("outbound_queue_depth", " messages", PerformanceSample::outboundQueueDepth,
      AlertsConfig::outboundQueueDepth),
  DATABASE_WRITE_LAG_MS("database_write_lag_ms", " ms", PerformanceSample::databaseWriteLagMs,
      AlertsConfig::databaseWriteLagMs);

  private final String wireName;
  private final String unit;
  private final ToDoubleFunction<PerformanceSample> value;
  private final ToDoubleFunction<AlertsConfig> threshold;

  AlertMetric(String wireName, String unit, ToDoubleFunction<PerformanceSample> value,
      ToDoubleFunction<AlertsConfig> threshold) {
    this.wireName = wireName;
    this.unit = unit;
    this.value = value;
    this.threshold = threshold;
  }

  /** The {@code metric} of a {@code performance_alert}. */
  public String wireName() {
    return wireName;
  }

  String unit() {
    return unit;
  }

  double valueIn(PerformanceSample sample) {
    return value.applyAsDouble(sample);
  }

  double thresholdIn(AlertsConfig config) {
    return threshold.applyAsDouble(config);
  }
}
