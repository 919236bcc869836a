package io.pma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.bus.Broker;
import io.pma.domain.Json;
import io.pma.domain.Notification;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one real /ws client of the tests (Vert.x, on a Vert.x of the clients' own, apart from any
 * server's): sends protocol messages and hands out what the server sends, in order. Reading:
 * {@link #next()} the next message; {@link #next(String)} the next one, which must be of that
 * type; {@link #nextOf(String)} skips (drops) messages until one of that type; {@link
 * #first(String)} the first of that type, other messages staying for later reads (so the order of
 * unrelated messages does not matter). Every wait fails after {@link Await#TIMEOUT}.
 */
public final class WsTestClient implements AutoCloseable {
  private static final AtomicInteger REQUESTS = new AtomicInteger();
  private static Vertx clients;

  private final WebSocketClient client;
  private final WebSocket socket;
  private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
  /** Messages {@link #first} passed over, read again before the inbox. */
  private final Deque<JsonNode> passedOver = new ArrayDeque<>();
  private final CompletableFuture<Integer> closed = new CompletableFuture<>();

  private WsTestClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(text -> inbox.add(parse(text)));
    socket.closeHandler(v -> closed.complete((int) (socket.closeStatusCode() == null ? -1
        : socket.closeStatusCode())));
  }

  /** The clients' Vert.x, started on first use and shared by every client. */
  private static synchronized Vertx clients() {
    if (clients == null) {
      clients = Vertx.vertx();
    }
    return clients;
  }

  /**
   * A Vert.x WebSocket client on the clients' Vert.x, for a test that reads frames itself:
   * offering per-message compression or not; {@code receiveBuffer} > 0 shrinks the socket's
   * receive buffer (a reader that stalls).
   */
  public static WebSocketClient webSocketClient(boolean compression, int receiveBuffer) {
    WebSocketClientOptions options = new WebSocketClientOptions()
        .setTryUsePerMessageCompression(compression)
        .setMaxFrameSize(16 * 1024 * 1024).setMaxMessageSize(64 * 1024 * 1024);
    if (receiveBuffer > 0) {
      options.setReceiveBufferSize(receiveBuffer);
    }
    return clients().createWebSocketClient(options);
  }

  /** Connects to {@code url} (a /ws address, perhaps with a query) and awaits nothing. */
  public static WsTestClient open(String url) {
    return open(url, Map.of(), false, 0);
  }

  /**
   * Connects with extra {@code headers}, offering per-message compression or not; {@code
   * receiveBuffer} > 0 shrinks the socket's receive buffer (stalled readers). Awaits nothing.
   */
  public static WsTestClient open(String url, Map<String, String> headers, boolean compression,
      int receiveBuffer) {
    WebSocketClient client = webSocketClient(compression, receiveBuffer);
    WebSocketConnectOptions connect = new WebSocketConnectOptions().setAbsoluteURI(url);
    headers.forEach(connect::addHeader);
    try {
      // The handlers are in place before the connection exists: a message read together with the
      // 101 (the welcome, under load) cannot arrive before them.
      ClientWebSocket socket = client.webSocket();
      WsTestClient opened = new WsTestClient(client, socket);
      Await.result(socket.connect(connect));
      return opened;
    } catch (RuntimeException | AssertionError e) {
      client.close();
      throw new IllegalStateException("cannot connect to " + url, e);
    }
  }

  /** Connects to {@code url} and takes its {@code welcome}. */
  public static WsTestClient connect(String url) {
    WsTestClient client = open(url);
    client.next("welcome");
    return client;
  }

  /** Connects to the server's /ws and takes its {@code welcome}. */
  public static WsTestClient connect(TestServer server) {
    return connect(server.wsUrl());
  }

  public WsTestClient send(String json) {
    socket.writeTextMessage(json);
    return this;
  }

  public void sendBinary(byte[] bytes) {
    socket.writeBinaryMessage(Buffer.buffer(bytes));
  }

  /** The Vert.x socket itself, for frames and flow control the protocol methods do not cover. */
  public WebSocket socket() {
    return socket;
  }

  /** Authenticates by message and awaits {@code authentication_success}. */
  public WsTestClient authenticate(String token) {
    send(Json.object().put("type", "authenticate")
        .set("data", Json.object().put("token", token)).toString());
    first("authentication_success");
    return this;
  }

  /** Subscribes to {@code topics} and awaits {@code subscription_success}. */
  public WsTestClient subscribe(String... topics) {
    send("{\"type\":\"subscribe\",\"data\":{\"topics\":" + Json.write(List.of(topics)) + "}}");
    first("subscription_success");
    return this;
  }

  /** The next message. */
  public JsonNode next() {
    if (!passedOver.isEmpty()) {
      return passedOver.poll();
    }
    return Await.take("message", inbox, message -> true);
  }

  /** The next message, which must have this type. */
  public JsonNode next(String type) {
    JsonNode message = next();
    assertThat(message.path("type").asText()).as(message.toString()).isEqualTo(type);
    return message;
  }

  /** Skips (drops) messages until one of this type arrives. */
  public JsonNode nextOf(String type) {
    while (!passedOver.isEmpty()) {
      JsonNode message = passedOver.poll();
      if (isOf(type, message)) {
        return message;
      }
    }
    return Await.take(type, inbox, message -> isOf(type, message));
  }

  /** The first message of this type; messages of other types stay for later reads. */
  public JsonNode first(String type) {
    return first(type, Await.TIMEOUT);
  }

  public JsonNode first(String type, Duration timeout) {
    for (JsonNode message : passedOver) {
      if (isOf(type, message)) {
        passedOver.remove(message);
        return message;
      }
    }
    return Await.take(type, inbox, timeout, message -> isOf(type, message), passedOver::add);
  }

  private static boolean isOf(String type, JsonNode message) {
    return type.equals(message.path("type").asText());
  }

  /**
   * Everything received before the answer to a ping sent now: since a connection's messages are
   * ordered, this is exactly what the server sent before it handled the ping.
   */
  public List<JsonNode> untilPong() {
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
  public List<JsonNode> untilMarker(Broker broker) {
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
  public int awaitClose() {
    try {
      return closed.get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("connection not closed within " + Await.TIMEOUT.toSeconds() + " s",
          e);
    }
  }

  /** Moves every message received so far into {@code target}. */
  public void drainTo(List<JsonNode> target) {
    target.addAll(passedOver);
    passedOver.clear();
    inbox.drainTo(target);
  }

  public boolean isClosed() {
    return closed.isDone();
  }

  public String closeReason() {
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
