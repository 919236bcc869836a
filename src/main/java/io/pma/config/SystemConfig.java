package io.pma.config;

/**
 * The self-monitoring: how often {@code system_status} is published, how often the process is
 * sampled for performance alerts, and the alert thresholds.
 */
public record SystemConfig(int statusIntervalSeconds, int sampleIntervalMs, AlertsConfig alerts) {
  public SystemConfig {
    Checks.range("system.status_interval_seconds", statusIntervalSeconds, 1, 86_400);
    Checks.range("system.sample_interval_ms", sampleIntervalMs, 50, 3_600_000);
    if (alerts == null) {
      throw new IllegalArgumentException("system.alerts must be set");
    }
  }
}
