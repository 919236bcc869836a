package io.pma.system;

import io.pma.adapter.AdapterManager;
import io.pma.bus.Broker;
import io.pma.domain.AdapterStatus;
import io.pma.registry.WriteBehind;
import io.pma.store.sql.SqlDatabase;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Checks the parts PMA needs and reports them truthfully: a broken database says "down", a lost
 * adapter or a raised performance alert "degraded". {@code /health} and {@code system_status}
 * both come from here.
 */
public final class HealthMonitor {
  public static final String VERSION = "0.1.0";

  private final Vertx vertx;
  private final SqlDatabase database;
  private final WriteBehind writeBehind;
  private final Broker broker;
  private final AdapterManager adapters;
  private final RaisedAlerts alerts;
  private final Clock clock;
  private final Instant startedAt;

  public HealthMonitor(Vertx vertx, SqlDatabase database, WriteBehind writeBehind,
      Broker broker, AdapterManager adapters, RaisedAlerts alerts, Clock clock) {
    this.vertx = vertx;
    this.database = database;
    this.writeBehind = writeBehind;
    this.broker = broker;
    this.adapters = adapters;
    this.alerts = alerts;
    this.clock = clock;
    this.startedAt = clock.instant();
  }

  public Instant startedAt() {
    return startedAt;
  }

  public long uptimeSeconds() {
    return Duration.between(startedAt, clock.instant()).toSeconds();
  }

  /** Runs the checks; the database query runs on a worker thread. */
  public Future<HealthReport> check() {
    return vertx.executeBlocking(database::ping, false).map(this::report);
  }

  private HealthReport report(boolean databaseAnswers) {
    HealthReport.Part database = databaseAnswers && !writeBehind.lastWriteFailed()
        ? new HealthReport.Part(HealthReport.OK, null)
        : new HealthReport.Part(HealthReport.DOWN,
            databaseAnswers ? "entity writes are failing" : "database does not answer");
    HealthReport.Part bus = broker.healthy()
        ? new HealthReport.Part(HealthReport.OK, null)
        : new HealthReport.Part(HealthReport.DOWN, "event broker unavailable");
    Map<String, HealthReport.AdapterPart> adapterParts = new LinkedHashMap<>();
    for (AdapterStatus status : adapters.statuses()) {
      adapterParts.put(status.adapterId(),
          new HealthReport.AdapterPart(status.status().wireName(), status.healthy()));
    }
    Set<String> raised = alerts.metrics();
    HealthReport.Part performance = raised.isEmpty()
        ? new HealthReport.Part(HealthReport.OK, null)
        : new HealthReport.Part(HealthReport.DEGRADED,
            "alert raised: " + String.join(", ", raised));
    String overall;
    if (!HealthReport.OK.equals(database.status()) || !HealthReport.OK.equals(bus.status())) {
      overall = HealthReport.DOWN;
    } else if (adapterParts.values().stream().allMatch(HealthReport.AdapterPart::healthy)
        && raised.isEmpty()) {
      overall = HealthReport.OK;
    } else {
      overall = HealthReport.DEGRADED;
    }
    return new HealthReport(overall, VERSION, uptimeSeconds(),
        new HealthReport.Checks(database, bus, adapterParts, performance));
  }
}
