package io.pma.adapter.homeassistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.config.HomeAssistantConfig;
import io.pma.domain.Json;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket session with Home Assistant: the auth phase, then commands with ids that strictly
 * increase, each answered by a {@code result} (or {@code pong}) that completes its future, or
 * failed after the call timeout; {@code event} messages go to the handler of their subscription; a
 * {@code ping} every ping interval detects a dead peer. A session is never reused: once closed,
 * the adapter opens a new one.
 *
 * <p>Confined to the event loop of the context that opened it: call every method there; every
 * callback and future completes there.
 */
final class HaConnection {
  private static final Logger LOG = LoggerFactory.getLogger(HaConnection.class);
  private static final long AUTH_PHASE_MIN_MS = 10_000;

  private final Vertx vertx;
  private final ClientWebSocket socket;
  /** The instance's token, call timeout and ping interval. */
  private final HomeAssistantConfig config;
  private final Map<Integer, Pending> pending = new HashMap<>();
  private final Map<Integer, Consumer<ObjectNode>> subscriptions = new HashMap<>();
  private final Promise<String> authenticated = Promise.promise();
  private final Promise<String> closed = Promise.promise();
  private int lastId;
  private long authTimer = -1;
  private long pingTimer = -1;
  private boolean pingInFlight;
  private boolean authSent;
  private boolean connected;
  private boolean finished;

  private record Pending(String type, Promise<JsonNode> promise, long timer) {}

  private HaConnection(Vertx vertx, ClientWebSocket socket, HomeAssistantConfig config) {
    this.vertx = vertx;
    this.socket = socket;
    this.config = config;
  }

  /** Connects and starts the auth phase; see {@link #authenticated()} and {@link #closed()}. */
  static HaConnection open(Vertx vertx, WebSocketClient client, WebSocketConnectOptions options,
      HomeAssistantConfig config) {
    HaConnection connection = new HaConnection(vertx, client.webSocket(), config);
    connection.connect(options);
    return connection;
  }

  private void connect(WebSocketConnectOptions options) {
    socket.textMessageHandler(this::onText);
    socket.binaryMessageHandler(b -> fail(HaException.protocol("unexpected binary message")));
    socket.exceptionHandler(e -> fail(HaException.connection(describe(e))));
    socket.closeHandler(v -> finish("connection closed by Home Assistant"
        + (socket.closeStatusCode() == null ? "" : " (" + socket.closeStatusCode() + ")")));
    // HA gives a client 10 s for its auth message; PMA allows the auth phase at least as long.
    long authTimeoutMs = Math.max(config.callTimeoutMs(), AUTH_PHASE_MIN_MS);
    authTimer = vertx.setTimer(authTimeoutMs, t -> fail(HaException.connection(
        "no auth_ok within " + authTimeoutMs + " ms")));
    socket.connect(options).onComplete(ar -> {
      if (ar.failed()) {
        finish("cannot connect: " + describe(ar.cause()));
        return;
      }
      connected = true;
      if (!isOpen()) {
        socket.close(); // gave up (auth timeout) while the TCP connect was still under way
      }
    });
  }

  /** Completes with HA's version after {@code auth_ok}; fails with AUTH_INVALID or CONNECTION. */
  Future<String> authenticated() {
    return authenticated.future();
  }

  /** Completes with the reason once the session is over (never fails). */
  Future<String> closed() {
    return closed.future();
  }

  boolean isOpen() {
    return !finished;
  }

  /** True between {@code auth_ok} and the end of the session: commands may be sent. */
  boolean isReady() {
    return !finished && authenticated.future().succeeded();
  }

  /** Sends a command and completes with its {@code result} (null for {@code pong}). */
  Future<JsonNode> request(ObjectNode command) {
    return send(++lastId, command);
  }

  /** Subscribes with {@code subscribe_events}; events go to {@code handler} from the start. */
  Future<Void> subscribeEvents(String eventType, Consumer<ObjectNode> handler) {
    int id = ++lastId;
    subscriptions.put(id, handler);
    return send(id, HaMessages.subscribeEvents(eventType))
        .onFailure(e -> subscriptions.remove(id)).mapEmpty();
  }

  /** Closes the socket; pending commands fail with CONNECTION. */
  void close(String reason) {
    finish(reason);
  }

  private Future<JsonNode> send(int id, ObjectNode command) {
    if (!isOpen()) {
      return Future.failedFuture(HaException.connection("not connected to Home Assistant"));
    }
    ObjectNode message = command.deepCopy();
    message.put("id", id);
    String type = message.path("type").asText();
    Promise<JsonNode> promise = Promise.promise();
    long timer = vertx.setTimer(config.callTimeoutMs(), t -> {
      if (pending.remove(id) != null) {
        promise.tryFail(new HaException(HaException.Kind.TIMEOUT, null,
            "Home Assistant did not answer " + type + " within " + config.callTimeoutMs()
                + " ms"));
      }
    });
    pending.put(id, new Pending(type, promise, timer));
    socket.writeTextMessage(Json.write(message)).onFailure(e -> {
      Pending failed = pending.remove(id);
      if (failed != null) {
        vertx.cancelTimer(failed.timer());
        failed.promise().tryFail(HaException.connection("cannot send " + type + ": " + describe(e)));
      }
    });
    return promise.future();
  }

  private void onText(String text) {
    JsonNode parsed;
    try {
      parsed = Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      fail(HaException.protocol("invalid JSON from Home Assistant"));
      return;
    }
    // With the coalesce_messages feature HA may join messages in one array; accept both forms.
    if (parsed != null && parsed.isArray()) {
      parsed.forEach(this::dispatch);
    } else {
      dispatch(parsed);
    }
  }

  private void dispatch(JsonNode node) {
    if (!isOpen()) {
      return;
    }
    HaInbound message;
    try {
      message = HaInbound.parse(node);
    } catch (HaException e) {
      fail(e);
      return;
    }
    if (message instanceof HaInbound.Event event) {
      onEvent(event);
    } else if (message instanceof HaInbound.Result result) {
      onResult(result);
    } else if (message instanceof HaInbound.Pong pong) {
      complete(pong.id(), null);
    } else if (message instanceof HaInbound.AuthRequired) {
      onAuthRequired();
    } else if (message instanceof HaInbound.AuthOk ok) {
      onAuthOk(ok.haVersion());
    } else if (message instanceof HaInbound.AuthInvalid invalid) {
      fail(new HaException(HaException.Kind.AUTH_INVALID, null, invalid.message()));
    } else {
      LOG.debug("ignoring Home Assistant message {}", node);
    }
  }

  private void onAuthRequired() {
    if (!authSent) {
      authSent = true;
      socket.writeTextMessage(Json.write(HaMessages.auth(config.token())));
    }
  }

  private void onAuthOk(String haVersion) {
    vertx.cancelTimer(authTimer);
    pingTimer = vertx.setPeriodic(config.pingIntervalMs(), t -> ping());
    authenticated.tryComplete(haVersion == null ? "unknown" : haVersion);
  }

  private void onEvent(HaInbound.Event event) {
    Consumer<ObjectNode> handler = subscriptions.get(event.id());
    if (handler == null) {
      LOG.debug("event for unknown subscription {}", event.id());
      return;
    }
    handler.accept(event.event());
  }

  private void onResult(HaInbound.Result result) {
    if (result.success()) {
      complete(result.id(), result.result());
      return;
    }
    Pending request = pending.remove(result.id());
    if (request == null) {
      LOG.debug("error result for unknown id {}: {}", result.id(), result.errorMessage());
      return;
    }
    vertx.cancelTimer(request.timer());
    request.promise().tryFail(new HaException(HaException.Kind.REJECTED, result.errorCode(),
        result.errorMessage()));
  }

  private void complete(int id, JsonNode value) {
    Pending request = pending.remove(id);
    if (request == null) {
      LOG.debug("answer for unknown or timed-out id {}", id);
      return;
    }
    vertx.cancelTimer(request.timer());
    request.promise().tryComplete(value);
  }

  /** Keep-alive: a command that HA must answer; no pong in time means the peer is gone. */
  private void ping() {
    if (pingInFlight || !isOpen()) {
      return;
    }
    pingInFlight = true;
    request(HaMessages.ping()).onComplete(ar -> {
      pingInFlight = false;
      if (ar.failed() && ar.cause() instanceof HaException e
          && e.kind() == HaException.Kind.TIMEOUT) {
        fail(HaException.connection("no pong within " + config.callTimeoutMs() + " ms"));
      }
    });
  }

  private void fail(HaException cause) {
    authenticated.tryFail(cause);
    finish(cause.getMessage());
  }

  private void finish(String reason) {
    if (finished) {
      return;
    }
    finished = true;
    vertx.cancelTimer(authTimer);
    vertx.cancelTimer(pingTimer);
    // authenticated settles before closed, so a listener of closed() sees how the session ended.
    authenticated.tryFail(HaException.connection(reason));
    for (Pending request : new ArrayList<>(pending.values())) {
      vertx.cancelTimer(request.timer());
      request.promise().tryFail(HaException.connection(
          "connection to Home Assistant lost before it answered " + request.type()));
    }
    pending.clear();
    subscriptions.clear();
    if (connected && !socket.isClosed()) {
      socket.close();
    }
    closed.complete(reason);
  }

  private static String describe(Throwable e) {
    return e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
  }
}
