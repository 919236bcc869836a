package io.pma.system;

import io.pma.bus.Broker;
import io.pma.bus.Published;
import io.pma.config.SystemConfig;
import io.pma.domain.AdapterStatus;
import io.pma.domain.PerformanceAlert;
import io.pma.domain.SystemStatus;
import io.pma.domain.Notification;
import io.pma.notify.NotificationDraft;
import io.pma.notify.NotificationService;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes {@code system_status} every {@code status_interval_seconds} and at once when health
 * changes (an adapter transition, the database failing or recovering, an alert raised), and
 * evaluates performance alerts every {@code sample_interval_ms}. All its state is confined to one
 * event-loop context: the broker listener only hands adapter events over to it.
 */
public final class SystemMonitor {
  private static final Logger LOG = LoggerFactory.getLogger(SystemMonitor.class);

  private final Vertx vertx;
  private final Broker broker;
  private final SystemConfig config;
  private final SystemStatusSource statuses;
  private final PerformanceSampler sampler;
  private final AlertEvaluator alerts;
  private final RaisedAlerts raised;
  private final NotificationService notifications;
  private final AdapterLossNotifier adapterLoss = new AdapterLossNotifier();
  private final Context context;
  private final AtomicLong samples = new AtomicLong();
  private volatile boolean running;
  private volatile boolean stopped;
  private long statusTimer = -1;
  private long sampleTimer = -1;
  private boolean checking;
  private boolean checkAgain;
  private boolean publishNext;
  private HealthKey lastPublished;

  /** What counts as a health change: overall status, database status, each adapter's status. */
  private record HealthKey(String status, String database, Map<String, String> adapters) {
    static HealthKey of(SystemStatus s) {
      return new HealthKey(s.status(), s.database().status(), s.adapters());
    }
  }

  public SystemMonitor(Vertx vertx, Broker broker, SystemConfig config,
      SystemStatusSource statuses, PerformanceSampler sampler, RaisedAlerts raised,
      NotificationService notifications) {
    this.vertx = vertx;
    this.broker = broker;
    this.config = config;
    this.statuses = statuses;
    this.sampler = sampler;
    this.alerts = new AlertEvaluator(config.alerts());
    this.raised = raised;
    this.notifications = notifications;
    this.context = vertx.getOrCreateContext();
    broker.subscribe(this::onPublished);
  }

  /** Starts the timers and publishes the first status at once. */
  public void start() {
    running = true;
    sampler.start();
    context.runOnContext(v -> {
      statusTimer = vertx.setPeriodic(config.statusIntervalSeconds() * 1000L,
          id -> requestStatus(true));
      sampleTimer = vertx.setPeriodic(config.sampleIntervalMs(), id -> sample());
      requestStatus(true);
    });
  }

  /** Stops publishing; adapter transitions from now on (shutdown) are not reported. */
  public void stop() {
    running = false;
    stopped = true;
    sampler.stop();
    context.runOnContext(v -> {
      vertx.cancelTimer(statusTimer);
      vertx.cancelTimer(sampleTimer);
    });
  }

  /** How many performance samples were evaluated so far (thread-safe). */
  public long samplesTaken() {
    return samples.get();
  }

  /**
   * Broker listener, on the publisher's thread: hands adapter transitions to the context. It
   * listens from construction on, before the adapters start, so that it knows which were
   * connected when one drops.
   */
  private void onPublished(Published published) {
    if (!stopped && published.event() instanceof AdapterStatus status) {
      context.runOnContext(v -> adapterChanged(status));
    }
  }

  private void adapterChanged(AdapterStatus status) {
    if (stopped) {
      return;
    }
    adapterLoss.onStatus(status).ifPresent(this::notify);
    if (running) {
      requestStatus(false);
    }
  }

  private void sample() {
    if (!running) {
      return;
    }
    List<PerformanceAlert> changes = alerts.evaluate(sampler.sample());
    raised.set(alerts.raised());
    samples.incrementAndGet();
    for (PerformanceAlert alert : changes) {
      broker.publish(alert);
      notify(new NotificationDraft(alertTitle(alert), alert.message(),
          AlertEvaluator.RESOLVED.equals(alert.severity()) ? "info" : "warning",
          AdapterLossNotifier.SOURCE, Notification.ADMINS));
    }
    requestStatus(false);
  }

  private static String alertTitle(PerformanceAlert alert) {
    return (AlertEvaluator.RESOLVED.equals(alert.severity()) ? "Performance alert resolved: "
        : "Performance alert: ") + alert.metric();
  }

  /**
   * Runs the checks, one at a time: a request while one runs is folded into one more run after
   * it, so the newest state is always reported and reports never overtake each other.
   * {@code always}: publish even if health did not change (the periodic report).
   */
  private void requestStatus(boolean always) {
    publishNext |= always;
    if (checking) {
      checkAgain = true;
      return;
    }
    checking = true;
    boolean publish = publishNext;
    publishNext = false;
    statuses.current().onComplete(result -> {
      checking = false;
      if (result.succeeded()) {
        report(result.result(), publish);
      } else {
        LOG.warn("system status check failed: {}", result.cause().toString());
      }
      if (checkAgain) {
        checkAgain = false;
        requestStatus(false);
      }
    });
  }

  private void report(SystemStatus status, boolean always) {
    HealthKey key = HealthKey.of(status);
    if (!running || (!always && Objects.equals(key, lastPublished))) {
      return;
    }
    if (lastPublished != null && !key.equals(lastPublished)) {
      LOG.info("health changed: {} (database {}, adapters {})", key.status(), key.database(),
          key.adapters());
    }
    lastPublished = key;
    broker.publish(status);
  }

  private void notify(NotificationDraft draft) {
    notifications.send(draft, io.pma.domain.Context.fresh())
        .onFailure(e -> LOG.warn("notification '{}' not sent: {}", draft.title(),
            e.getMessage()));
  }
}
