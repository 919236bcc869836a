package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The overview of PROTOCOL.md section 5 ({@code system_status}): overall {@code status}
 * ({@code healthy|degraded|unhealthy}), the process's own figures, connections, entities, each
 * adapter's status and the database's health.
 */
@JsonPropertyOrder({"status", "version", "uptime_seconds", "cpu", "memory", "websocket", "entities",
    "adapters", "database"})
public record SystemStatus(
    String status,
    String version,
    long uptimeSeconds,
    Cpu cpu,
    Memory memory,
    Websocket websocket,
    Entities entities,
    Map<String, String> adapters,
    Database database) implements PmaEvent {

  public static final String HEALTHY = "healthy";
  public static final String DEGRADED = "degraded";
  public static final String UNHEALTHY = "unhealthy";

  public SystemStatus {
    adapters = Map.copyOf(adapters);
  }

  /**
   * Processor use: this process's share of all cores over the last sampling period (0–100), the
   * machine's one-minute load average (-1 where the OS has none) and the number of cores.
   */
  @JsonPropertyOrder({"process_percent", "system_load_average", "cores"})
  public record Cpu(double processPercent, double systemLoadAverage, int cores) {}

  /** Heap in use / committed / at most, and the process's resident set size (-1 if unknown). */
  @JsonPropertyOrder({"heap_used_bytes", "heap_committed_bytes", "heap_max_bytes",
      "heap_used_percent", "rss_bytes"})
  public record Memory(long heapUsedBytes, long heapCommittedBytes, long heapMaxBytes,
      double heapUsedPercent, long rssBytes) {}

  /** Open /ws connections and how many of them are authenticated. */
  @JsonPropertyOrder({"connected_clients", "authenticated_clients"})
  public record Websocket(int connectedClients, int authenticatedClients) {}

  /** How many entities the registry holds. */
  public record Entities(int count) {}

  /**
   * The database's health ({@code ok|down}, as in {@code /health}), why when down, and how long
   * the oldest unwritten entity change has waited.
   */
  @JsonPropertyOrder({"status", "detail", "write_lag_ms"})
  public record Database(String status, String detail, long writeLagMs) {}

  @Override
  public EventKind kind() {
    return EventKind.SYSTEM_STATUS;
  }
}
