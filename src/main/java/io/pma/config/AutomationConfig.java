package io.pma.config;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;

/**
 * The automation engine. {@code time_zone}: where time triggers and conditions read the clock
 * (an IANA name such as {@code Europe/Berlin}; empty = the system's zone). The loop guards:
 * {@code max_runs_per_second} per rule and {@code max_chain_depth} of runs started by the events
 * of other runs. {@code runs_kept}: recent runs kept per rule for {@code GET .../runs}.
 * {@code action_timeout_seconds}: how long an {@code entity_action} step waits for the adapter's
 * answer before it fails, so an adapter that never answers cannot hold a run forever.
 */
public record AutomationConfig(String timeZone, int maxRunsPerSecond, int maxChainDepth,
    int runsKept, int actionTimeoutSeconds) {
  public AutomationConfig {
    if (timeZone != null && !timeZone.isBlank()) {
      try {
        ZoneId.of(timeZone);
      } catch (DateTimeException e) {
        throw new IllegalArgumentException("automation.time_zone '" + timeZone
            + "' is not a known time zone (use a name such as Europe/Berlin or UTC)");
      }
    }
    Checks.range("automation.max_runs_per_second", maxRunsPerSecond, 1, 10_000);
    Checks.range("automation.max_chain_depth", maxChainDepth, 1, 1_000);
    Checks.range("automation.runs_kept", runsKept, 1, 10_000);
    Checks.range("automation.action_timeout_seconds", actionTimeoutSeconds, 1, 3_600);
  }

  public Duration actionTimeout() {
    return Duration.ofSeconds(actionTimeoutSeconds);
  }

  public ZoneId zone() {
    return timeZone == null || timeZone.isBlank() ? ZoneId.systemDefault() : ZoneId.of(timeZone);
  }
}
