package io.pma.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * The built-in demo devices. {@code enabled}: "auto" (on when no other adapter is configured),
 * "true" or "false". {@code tick_ms} is how often sensors drift.
 */
public record DemoConfig(Enabled enabled, int tickMs) {
  /** Whether the demo devices run. */
  public enum Enabled {
    AUTO, TRUE, FALSE;

    @JsonCreator
    static Enabled of(String text) {
      return Checks.choice("demo.enabled", Enabled.class, text);
    }
  }

  public DemoConfig {
    if (enabled == null) {
      throw new IllegalArgumentException("demo.enabled must be auto, true or false");
    }
    Checks.range("demo.tick_ms", tickMs, 50, 3_600_000);
  }

  /** Whether the demo devices run, given whether another adapter is configured. */
  public boolean runs(boolean othersConfigured) {
    return enabled == Enabled.TRUE || (enabled == Enabled.AUTO && !othersConfigured);
  }
}
