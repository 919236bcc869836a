package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.Await;
import io.pma.bus.Broker;
import io.pma.domain.Json;
import io.pma.domain.Notification;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A real WebSocket client for tests (Vert.x), collecting every message it receives. */
final class WsClient implements AutoCloseable {
  /** How long a client waits for a message or a close: only a failing test waits this long. */
  static final int TIMEOUT_SECONDS = (int) Await.TIMEOUT.toSeconds();
  private static final AtomicInteger REQUESTS = new AtomicInteger();

  private final WebSocket socket;
  private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();
  private final WebSocketClient client;

  private WsClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(text -> inbox.add(parse(text)));
    socket.closeHandler(v -> closed.complete((int) (socket.closeStatusCode() == null ? -1
        : socket.closeStatusCode())));
  }

  static WsClient connect(Vertx vertx, String url) {
    return connect(vertx, url, Map.of(), false, 0);
  }

  /** Connects; {@code receiveBuffer} > 0 shrinks the socket's receive buffer (stalled readers). */
  static WsClient connect(Vertx vertx, String url, Map<String, String> headers,
      boolean compression, int receiveBuffer) {
    WebSocketClientOptions options = new WebSocketClientOptions()
        .setTryUsePerMessageCompression(compression)
        .setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(16 * 1024 * 1024);
    if (receiveBuffer > 0) {
      options.setReceiveBufferSize(receiveBuffer);
    }
    WebSocketClient client = vertx.createWebSocketClient(options);
    WebSocketConnectOptions connect = new WebSocketConnectOptions().setAbsoluteURI(url);
    headers.forEach(connect::addHeader);
    try {
      // Handlers are set in the completion callback, on the socket's loop, before any message.
      return client.connect(connect).map(socket -> new WsClient(client, socket))
          .toCompletionStage().toCompletableFuture().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("cannot connect to " + url, e);
    }
  }

  /** Connects and consumes the welcome message. */
  static WsClient connected(Vertx vertx, String url) {
    WsClient client = connect(vertx, url);
    client.next("welcome");
    return client;
  }

  WsClient send(String json) {
    socket.writeTextMessage(json);
    return this;
  }

  void sendBinary(byte[] bytes) {
    socket.writeBinaryMessage(Buffer.buffer(bytes));
  }

  WebSocket socket() {
    return socket;
  }

  /** Authenticates by message and returns the authentication_success data. */
  JsonNode authenticate(String token) {
    send("{\"type\":\"authenticate\",\"data\":{\"token\":\"" + token + "\"}}");
    return next("authentication_success").get("data");
  }

  /** Subscribes and returns the subscription_success message. */
  JsonNode subscribe(String... topics) {
    send("{\"type\":\"subscribe\",\"data\":{\"topics\":" + Json.write(List.of(topics)) + "}}");
    return next("subscription_success");
  }

  JsonNode next() {
    try {
      JsonNode message = inbox.poll(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertThat(message).as("a message within %ss", TIMEOUT_SECONDS).isNotNull();
      return message;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The next message, which must have this type. */
  JsonNode next(String type) {
    JsonNode message = next();
    assertThat(message.path("type").asText()).as(message.toString()).isEqualTo(type);
    return message;
  }

  /** Skips messages until one of this type arrives. */
  JsonNode nextOf(String type) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
    while (System.nanoTime() < deadline) {
      JsonNode message = next();
      if (type.equals(message.path("type").asText())) {
        return message;
      }
    }
    throw new AssertionError("no " + type + " within " + TIMEOUT_SECONDS + "s");
  }

  /**
   * Everything received before the answer to a ping sent now: since a connection's messages are
   * ordered, this is exactly what the server sent before it handled the ping.
   */
  List<JsonNode> untilPong() {
    String id = "barrier-" + REQUESTS.incrementAndGet();
    send("{\"type\":\"ping\",\"request_id\":\"" + id + "\"}");
    List<JsonNode> before = new ArrayList<>();
    while (true) {
      JsonNode message = next();
      if ("pong".equals(message.path("type").asText())
          && id.equals(message.path("request_id").asText())) {
        return before;
      }
      before.add(message);
    }
  }

  /**
   * Everything received before a marker notification published now on the broker. Events reach a
   * connection in publish order, so this is exactly what was delivered for events published
   * before the call. Markers meant for other clients are skipped.
   */
  List<JsonNode> untilMarker(Broker broker) {
    String id = "marker-" + REQUESTS.incrementAndGet();
    broker.publish(new Notification(id, "marker", "marker", "info", "test", null, Instant.now()));
    List<JsonNode> before = new ArrayList<>();
    while (true) {
      JsonNode message = next();
      String notification = "notification".equals(message.path("type").asText())
          ? message.path("data").path("id").asText() : "";
      if (id.equals(notification)) {
        return before;
      }
      if (!notification.startsWith("marker-")) {
        before.add(message);
      }
    }
  }

  /** Waits for the connection to close and returns the close status code (-1 for none). */
  int awaitClose() {
    try {
      return closed.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("connection not closed within " + TIMEOUT_SECONDS + "s", e);
    }
  }

  /** Moves every message received so far into {@code target}. */
  void drainTo(List<JsonNode> target) {
    inbox.drainTo(target);
  }

  boolean isClosed() {
    return closed.isDone();
  }

  String closeReason() {
    return socket.closeReason();
  }

  private static JsonNode parse(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException("server sent invalid JSON: " + text, e);
    }
  }

  @Override
  public void close() {
    if (!closed.isDone()) {
      socket.close();
    }
    client.close();
  }
}
