package io.pma.system;

import io.pma.domain.SystemStatus;
import io.pma.registry.EntityRegistry;
import io.pma.registry.WriteBehind;
import io.vertx.core.Future;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the {@code system_status} payload from the health checks (the same ones {@code /health}
 * runs) and the process's figures. Thread-safe; the database check runs on a worker thread.
 */
public final class SystemStatusSource {
  private final HealthMonitor health;
  private final ProcessSampler process;
  private final ConnectionCounts connections;
  private final EntityRegistry registry;
  private final WriteBehind writeBehind;

  public SystemStatusSource(HealthMonitor health, ProcessSampler process,
      ConnectionCounts connections, EntityRegistry registry, WriteBehind writeBehind) {
    this.health = health;
    this.process = process;
    this.connections = connections;
    this.registry = registry;
    this.writeBehind = writeBehind;
  }

  /** Runs the checks and reads the figures now. */
  public Future<SystemStatus> current() {
    return health.check().map(this::assemble);
  }

  private SystemStatus assemble(HealthReport report) {
    Map<String, String> adapters = new LinkedHashMap<>();
    report.checks().adapters().forEach((id, part) -> adapters.put(id, part.status()));
    HealthReport.Part database = report.checks().database();
    return new SystemStatus(overall(report.status()), report.version(), report.uptimeSeconds(),
        process.cpu(), process.memory(),
        new SystemStatus.Websocket(connections.connectedClients(),
            connections.authenticatedClients()),
        new SystemStatus.Entities(registry.size()), adapters,
        new SystemStatus.Database(database.status(), database.detail(), writeBehind.lagMillis()));
  }

  /** {@code /health}'s ok/degraded/down in the words of PROTOCOL.md's system_status. */
  static String overall(String healthStatus) {
    if (HealthReport.OK.equals(healthStatus)) {
      return SystemStatus.HEALTHY;
    }
    return HealthReport.DEGRADED.equals(healthStatus) ? SystemStatus.DEGRADED
        : SystemStatus.UNHEALTHY;
  }
}
