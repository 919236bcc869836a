package io.pma.config;

/**
 * The built-in demo devices. {@code enabled}: "auto" (on when no other adapter is configured),
 * "true" or "false". {@code tick_ms} is how often sensors drift.
 */
public record DemoConfig(String enabled, int tickMs) {
  public DemoConfig {
    if (!"auto".equals(enabled) && !"true".equals(enabled) && !"false".equals(enabled)) {
      throw new IllegalArgumentException("demo.enabled must be auto, true or false");
    }
    Checks.range("demo.tick_ms", tickMs, 50, 3_600_000);
  }
}
