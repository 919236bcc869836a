package io.pma.adapter.homeassistant;

import io.pma.domain.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.adapter.ActionException;
import io.pma.adapter.Adapter;
import io.pma.adapter.AdapterLoop;
import io.pma.adapter.AdapterStatusReporter;
import io.pma.adapter.Backoff;
import io.pma.adapter.EntityAction;
import io.pma.bus.Broker;
import io.pma.config.HomeAssistantConfig;
import io.pma.domain.AdapterStatus;
import io.pma.domain.HaEvent;
import io.pma.domain.SyncStatus;
import io.pma.registry.EntityRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Home Assistant instance over its WebSocket API. Keeps a session open for as long as it runs:
 * connect, authenticate, subscribe, sync, then live events; on any loss it reports
 * {@code disconnected} and reconnects with exponential backoff and jitter, forever. A refused token
 * reports {@code error} and is retried only every {@code auth_retry_ms}, logged once.
 *
 * <p>All state lives on one event loop of its own; the public methods may be called from any
 * thread and hop onto it.
 */
public final class HomeAssistantAdapter implements Adapter {
  public static final String TYPE = "homeassistant";
  private static final Logger LOG = LoggerFactory.getLogger(HomeAssistantAdapter.class);

  private final HomeAssistantConfig config;
  private final Vertx vertx;
  private final AdapterLoop loop;
  private final Broker broker;
  private final AdapterStatusReporter reporter;
  private final StateMirror mirror;
  private final EventRelay relay;
  private final HaSync sync;
  private final Backoff backoff;
  private final FailureLog failures;
  private final WebSocketClient client;
  private final WebSocketConnectOptions endpoint;
  private final String displayUrl;
  private HaConnection connection;
  private Future<SyncStatus> syncInFlight;
  private String sessionError;
  private boolean running;
  private long retryTimer = -1;
  /** Connection attempts since the last successful one (0 for the very first). */
  private int reconnectAttempts;
  /** Subscriptions HA refused for lack of admin rights, warned about once each. */
  private final Set<String> refusedSubscriptions = new HashSet<>();

  public HomeAssistantAdapter(HomeAssistantConfig config, Vertx vertx, Broker broker,
      EntityRegistry registry, Clock clock) {
    this.config = config;
    this.vertx = vertx;
    this.loop = AdapterLoop.create(vertx);
    this.broker = broker;
    this.reporter = new AdapterStatusReporter(config.id(), TYPE, config.name(), broker, registry,
        clock);
    this.mirror = new StateMirror(config.id(), registry);
    this.relay = new EventRelay(config.eventTypes());
    this.sync = new HaSync(config.id(), mirror, broker, clock);
    this.backoff = new Backoff(config.reconnectInitialMs(), config.reconnectMaxMs());
    this.displayUrl = HaEndpoint.display(config.url());
    this.failures = new FailureLog(LOG, "Home Assistant '" + config.id() + "' at " + displayUrl + ": ");
    this.client = vertx.createWebSocketClient(HaEndpoint.clientOptions(config));
    this.endpoint = HaEndpoint.connectOptions(config.url());
  }

  @Override
  public String id() {
    return config.id();
  }

  @Override
  public String type() {
    return TYPE;
  }

  @Override
  public AdapterStatus status() {
    return reporter.status();
  }

  @Override
  public Future<Void> start() {
    return loop.call(() -> {
      if (!running) {
        running = true;
        connect();
      }
      return Future.succeededFuture();
    });
  }

  @Override
  public Future<Void> stop() {
    return loop.call(() -> {
      running = false;
      vertx.cancelTimer(retryTimer);
      if (connection != null) {
        connection.close("PMA is stopping");
      } else {
        reporter.disconnected("stopped");
      }
      return client.close().otherwiseEmpty();
    });
  }

  @Override
  public Future<Void> execute(EntityAction action) {
    ServiceCall call;
    try {
      call = ServiceCatalog.map(action);
    } catch (ActionException e) {
      return Future.failedFuture(e);
    }
    return loop.call(() -> {
      if (connection == null || !connection.isReady()) {
        return Future.failedFuture(notConnected());
      }
      // The new state comes back as state_changed, never predicted here.
      return connection.request(HaMessages.callService(call)).transform(ar -> ar.succeeded()
          ? Future.<Void>succeededFuture() : Future.failedFuture(actionFailure(call, ar.cause())));
    });
  }

  @Override
  public Future<SyncStatus> sync() {
    return loop.call(() -> connection == null || !connection.isReady()
        ? Future.failedFuture(notConnected()) : runSync(connection, false));
  }

  private void connect() {
    if (!running) {
      return;
    }
    reporter.connecting(reconnectAttempts);
    HaConnection session = HaConnection.open(vertx, client, new WebSocketConnectOptions(endpoint),
        config);
    connection = session;
    sessionError = null;
    session.authenticated().onSuccess(version -> onAuthenticated(session, version));
    session.closed().onSuccess(reason -> onClosed(session, reason));
  }

  private void onAuthenticated(HaConnection session, String haVersion) {
    backoff.reset();
    reconnectAttempts = 0;
    failures.recovered();
    LOG.info("connected to Home Assistant {} '{}' at {}", haVersion, config.id(), displayUrl);
    reporter.connected();
    runSync(session, true).onSuccess(status -> {
      if (SyncStatus.ERROR.equals(status.status()) && session.isOpen()) {
        // Without a complete mirror the session is of no use: start over with backoff.
        sessionError = "sync failed: " + status.error();
        session.close(sessionError);
      }
    });
  }

  private Future<SyncStatus> runSync(HaConnection session, boolean subscribeFirst) {
    if (syncInFlight != null) {
      return syncInFlight;
    }
    Future<SyncStatus> run = sync.run(session,
        subscribeFirst ? () -> subscribe(session) : Future::succeededFuture);
    if (!run.isComplete()) { // it may have ended at once (connection already gone)
      syncInFlight = run;
      run.onComplete(ar -> syncInFlight = null);
    }
    return run;
  }

  private Future<Void> subscribe(HaConnection session) {
    List<Future<Void>> subscriptions = new ArrayList<>();
    for (String eventType : relay.subscriptions()) {
      subscriptions.add(subscribe(session, eventType));
    }
    return Future.all(subscriptions).mapEmpty();
  }

  /**
   * One {@code subscribe_events}. HA lets only administrators subscribe beyond its allow-list
   * ({@code state_changed} is on it): for other users PMA keeps what HA allows instead of failing.
   */
  private Future<Void> subscribe(HaConnection session, String eventType) {
    return session.subscribeEvents(eventType, this::onEvent).recover(e -> {
      boolean unauthorized = e instanceof HaException ha && "unauthorized".equals(ha.code());
      if (!unauthorized || EventRelay.STATE_CHANGED.equals(eventType)) {
        return Future.failedFuture(HaException.connection("subscribe_events"
            + (eventType == null ? "" : " " + eventType) + " failed: " + describe(e)));
      }
      String what = eventType == null ? "all event types" : "'" + eventType + "' events";
      if (refusedSubscriptions.add(what)) {
        LOG.warn("Home Assistant '{}' refused {}: the token's user is not an administrator;"
            + " relaying only the events HA allows", config.id(), what);
      }
      return eventType == null ? subscribe(session, EventRelay.STATE_CHANGED)
          : Future.succeededFuture();
    });
  }

  private void onEvent(ObjectNode event) {
    reporter.eventReceived();
    String type = event.path("event_type").asText("");
    JsonNode data = event.path("data");
    if (EventRelay.STATE_CHANGED.equals(type) && data.isObject()) {
      mirror.onStateChanged(data, HaState.instant(event.get("time_fired")));
    }
    if (relay.relays(type)) {
      broker.publish(new HaEvent(type, data.isObject() ? (ObjectNode) data.deepCopy() : null,
          event.path("origin").asText(null), HaState.instant(event.get("time_fired")), config.id()));
    }
  }

  private void onClosed(HaConnection session, String reason) {
    if (session != connection) {
      return;
    }
    connection = null;
    reconnectAttempts++;
    mirror.abortSync();
    if (!running) {
      reporter.disconnected("stopped");
      return;
    }
    Throwable authFailure = session.authenticated().cause();
    if (authFailure instanceof HaException e && e.kind() == HaException.Kind.AUTH_INVALID) {
      String error = "Home Assistant rejected the access token: " + e.getMessage()
          + " (check homeassistant.token / PMA_HA_TOKEN)";
      reporter.error(error);
      failures.failure(error + "; retrying every " + readable(config.authRetryMs()));
      scheduleConnect(config.authRetryMs());
      return;
    }
    if (sessionError != null) {
      reporter.error(sessionError);
    } else {
      reporter.disconnected(reason);
    }
    failures.failure(sessionError != null ? sessionError : reason);
    scheduleConnect(backoff.nextDelayMs());
  }

  private void scheduleConnect(long delayMs) {
    retryTimer = vertx.setTimer(delayMs, t -> connect());
  }

  private ActionException notConnected() {
    return new ActionException(Refusal.UNAVAILABLE,
        "Home Assistant '" + config.id() + "' is not connected");
  }

  private static String readable(long ms) {
    return ms % 1000 == 0 ? ms / 1000 + " s" : ms + " ms";
  }

  private static String describe(Throwable e) {
    return e instanceof HaException ha && ha.code() != null
        ? e.getMessage() + " (" + ha.code() + ")" : e.getMessage();
  }

  private static ActionException actionFailure(ServiceCall call, Throwable cause) {
    if (!(cause instanceof HaException e)) {
      return new ActionException(Refusal.UPSTREAM_FAILED, call + " failed: " + cause);
    }
    switch (e.kind()) {
      case REJECTED:
        return new ActionException(Refusal.UPSTREAM_FAILED,
            "Home Assistant refused " + call + ": " + e.getMessage() + " (" + e.code() + ")");
      case TIMEOUT:
        return new ActionException(Refusal.TIMEOUT, e.getMessage());
      default:
        return new ActionException(Refusal.UNAVAILABLE, e.getMessage());
    }
  }
}
