package io.pma.system;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/** The body of {@code GET /health}. */
@JsonPropertyOrder({"status", "version", "uptime_seconds", "checks"})
public record HealthReport(String status, String version, long uptimeSeconds, Checks checks) {
  public static final String OK = "ok";
  public static final String DEGRADED = "degraded";
  public static final String DOWN = "down";

  /** Each checked part. */
  @JsonPropertyOrder({"database", "event_bus", "adapters", "performance"})
  public record Checks(Part database, Part eventBus, Map<String, AdapterPart> adapters,
      Part performance) {}

  /**
   * One part's status ("ok" / "down"; "ok" / "degraded" for performance, while a performance
   * alert is raised) and what is wrong with it.
   */
  public record Part(String status, String detail) {}

  /** One adapter's connection status. */
  public record AdapterPart(String status, boolean healthy) {}

  public boolean ready() {
    return !DOWN.equals(status) && OK.equals(checks.database().status())
        && OK.equals(checks.eventBus().status())
        && (checks.adapters().isEmpty()
            || checks.adapters().values().stream().anyMatch(AdapterPart::healthy));
  }
}
