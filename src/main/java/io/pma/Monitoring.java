package io.pma;

import io.pma.adapter.AdapterManager;
import io.pma.api.Resource;
import io.pma.api.MetricsResource;
import io.pma.api.NotificationsResource;
import io.pma.api.SystemResource;
import io.pma.auth.TokenVerifier;
import io.pma.bus.Broker;
import io.pma.config.MetricsConfig;
import io.pma.config.PmaConfig;
import io.pma.metrics.HubMeters;
import io.pma.metrics.PmaMetrics;
import io.pma.notify.NotificationService;
import io.pma.registry.EntityRegistry;
import io.pma.registry.WriteBehind;
import io.pma.store.UserStore;
import io.pma.store.sql.SqlDatabase;
import io.pma.store.sql.SqlNotificationStore;
import io.pma.system.HealthMonitor;
import io.pma.system.LoopLagProbe;
import io.pma.system.PerformanceSampler;
import io.pma.system.ProcessSampler;
import io.pma.system.RaisedAlerts;
import io.pma.system.SystemMonitor;
import io.pma.system.SystemStatusSource;
import io.pma.transport.MetricsListener;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Part of the composition root: wires PMA's watching of itself (system status, performance
 * alerts, notifications, metrics) and starts and stops it. Holds no logic of its own.
 */
final class Monitoring {
  /** What the monitoring parts read from the rest of the server. */
  record Sources(Broker broker, EntityRegistry registry, WriteBehind writeBehind,
      AdapterManager adapters, HealthMonitor health, SqlDatabase database, UserStore users,
      TokenVerifier verifier, HubMeters hub, int eventLoops) {}

  private final PmaMetrics metrics;
  private final NotificationService notifications;
  private final SystemStatusSource statuses;
  private final SystemMonitor monitor;
  private final Optional<MetricsListener> metricsListener;
  /** {@code /metrics} for admin tokens, when {@code metrics.access} is admin. */
  private final Optional<MetricsResource> adminMetrics;
  private volatile int metricsPort = -1;

  Monitoring(PmaConfig config, Vertx vertx, PmaMetrics metrics, RaisedAlerts raised,
      Sources sources, Clock clock) {
    this.metrics = metrics;
    this.notifications = new NotificationService(vertx,
        new SqlNotificationStore(sources.database()), sources.users(), sources.broker(),
        config.notifications().keep(), clock);
    ProcessSampler process = new ProcessSampler();
    this.statuses = new SystemStatusSource(sources.health(), process, sources.hub(),
        sources.registry(), sources.writeBehind());
    PerformanceSampler sampler = new PerformanceSampler(process,
        new LoopLagProbe(vertx, sources.eventLoops(), metrics::recordLoopLag), metrics::fanoutP99Millis,
        sources.hub()::outboundQueueDepth, sources.writeBehind()::lagMillis);
    this.monitor = new SystemMonitor(vertx, sources.broker(), config.system(), statuses, sampler,
        raised, notifications);
    metrics.countEvents(sources.broker());
    metrics.bindHub(sources.hub());
    metrics.bindSystem(sources.registry(), sources.adapters(), sources.writeBehind(), raised);
    this.adminMetrics = config.metrics().access() == MetricsConfig.Access.ADMIN
        ? Optional.of(new MetricsResource(sources.verifier(), metrics::scrape,
            PmaMetrics.CONTENT_TYPE))
        : Optional.empty();
    MetricsConfig access = config.metrics();
    this.metricsListener = access.access() == MetricsConfig.Access.PORT
        ? Optional.of(new MetricsListener(vertx, access.host(), access.port(), metrics::scrape,
            PmaMetrics.CONTENT_TYPE))
        : Optional.empty();
  }

  /** The REST resources of monitoring: notifications, system status, metrics if on the API. */
  List<Resource> resources() {
    List<Resource> resources = new ArrayList<>();
    resources.add(new NotificationsResource(notifications));
    resources.add(new SystemResource(statuses));
    adminMetrics.ifPresent(resources::add);
    return resources;
  }

  /** Opens the metrics port, if configured. */
  Future<Void> listen() {
    return metricsListener.map(l -> l.start().onSuccess(p -> metricsPort = p).<Void>mapEmpty())
        .orElse(Future.succeededFuture());
  }

  /** Starts the status reports and alert sampling; after the adapters, so the first is full. */
  void startReporting() {
    monitor.start();
  }

  /** Stops reporting first, so the shutdown's own adapter transitions are not reported. */
  Future<Void> stop() {
    monitor.stop();
    return metricsListener.map(MetricsListener::stop).orElse(Future.succeededFuture());
  }

  void close() {
    metrics.close();
  }

  NotificationService notifications() {
    return notifications;
  }

  SystemMonitor monitor() {
    return monitor;
  }

  /** The metrics port when {@code metrics.access} is "port", else -1. */
  int metricsPort() {
    return metricsPort;
  }
}
