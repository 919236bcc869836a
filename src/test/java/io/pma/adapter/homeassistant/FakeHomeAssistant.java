package io.pma.adapter.homeassistant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Json;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.net.SelfSignedCertificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A Home Assistant WebSocket API server for tests, following HA's published protocol
 * (developers.home-assistant.io "WebSocket API", {@code homeassistant/components/websocket_api}):
 * {@code auth_required} → {@code auth} → {@code auth_ok} / {@code auth_invalid} (then close); in
 * the command phase every message needs a positive integer {@code id} greater than the last one
 * ({@code id_reuse} otherwise), unknown types get {@code unknown_command}, malformed ones
 * {@code invalid_format}, invalid JSON closes the connection; {@code result} and {@code event}
 * messages have HA's exact shapes; {@code call_service} changes states and fires
 * {@code state_changed} before its result, as HA's blocking call does.
 *
 * <p>Thread-safe: one lock guards all state, and every message is written under it, so each
 * connection sees events and results in the order HA would send them.
 */
public final class FakeHomeAssistant implements AutoCloseable {
  public static final String HA_VERSION = "2026.1.0";
  private static final String PATH = "/api/websocket";

  private final Vertx vertx;
  private final String token;
  private final HttpServerOptions options;
  private final FakeStates states = new FakeStates();
  private final List<FakeSession> sessions = new ArrayList<>();
  private final List<ObjectNode> commands = new ArrayList<>();
  private final Map<String, String[]> failures = new HashMap<>();
  private final List<String> silentServices = new ArrayList<>();
  private final Map<String, List<Runnable>> heldCalls = new HashMap<>();
  private final List<String> nonAdminTokens = new ArrayList<>();
  private final List<String> ignoredCommands = new ArrayList<>();
  private final List<ObjectNode> errorsSent = new ArrayList<>();
  private HttpServer server;
  private int port;
  private int authAttempts;
  private Runnable beforeNextGetStates;
  private Runnable afterNextGetStates;

  private FakeHomeAssistant(Vertx vertx, String token, HttpServerOptions options) {
    this.vertx = vertx;
    this.token = token;
    this.options = options;
  }

  /** Starts on a free port of 127.0.0.1. */
  public static FakeHomeAssistant start(Vertx vertx, String token) {
    FakeHomeAssistant fake = new FakeHomeAssistant(vertx, token, new HttpServerOptions());
    fake.listen(0);
    return fake;
  }

  /** Starts with TLS and a self-signed certificate (as many home installations have). */
  public static FakeHomeAssistant startTls(Vertx vertx, String token) {
    SelfSignedCertificate certificate = SelfSignedCertificate.create("localhost");
    FakeHomeAssistant fake = new FakeHomeAssistant(vertx, token, new HttpServerOptions()
        .setSsl(true).setKeyCertOptions(certificate.keyCertOptions()));
    fake.listen(0);
    return fake;
  }

  public String url() {
    return (options.isSsl() ? "https" : "http") + "://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  // ---- what tests do to "Home Assistant" ----

  public synchronized void setState(String entityId, String state, ObjectNode attributes) {
    ObjectNode change = states.set(entityId, state, attributes);
    if (change != null) {
      // HA fires state_changed with time_fired equal to the new state's last_updated.
      fireAt("state_changed", change, change.get("new_state").get("last_updated").asText());
    }
  }

  public synchronized void removeState(String entityId) {
    ObjectNode change = states.remove(entityId);
    if (change != null) {
      fire("state_changed", change);
    }
  }

  public synchronized ObjectNode state(String entityId) {
    ObjectNode state = states.get(entityId);
    return state == null ? null : state.deepCopy();
  }

  /** Fires an event on HA's bus; subscribers of its type (or of all types) receive it. */
  public synchronized void fire(String eventType, ObjectNode data) {
    fireAt(eventType, data, states.now());
  }

  private void fireAt(String eventType, ObjectNode data, String timeFired) {
    ObjectNode event = Json.object();
    event.put("event_type", eventType);
    event.set("data", data);
    event.put("origin", "LOCAL");
    event.put("time_fired", timeFired);
    event.set("context", FakeStates.context());
    sessions.forEach(s -> s.deliver(eventType, event));
  }

  /** Accepts {@code token} too, for a user who is not an administrator. */
  public synchronized void addNonAdminToken(String token) {
    nonAdminTokens.add(token);
  }

  /** Makes {@code domain.service} answer with an error result {@code code}/{@code message}. */
  public synchronized void failService(String domain, String service, String code, String message) {
    failures.put(domain + "." + service, new String[] {code, message});
  }

  /** Makes {@code domain.service} never answer (to test call timeouts). */
  public synchronized void neverAnswer(String domain, String service) {
    silentServices.add(domain + "." + service);
  }

  /**
   * Makes {@code domain.service} answer only when the test calls {@link #answerHeld} (a slow
   * integration): until then the call gets no result and changes no state.
   */
  public synchronized void holdService(String domain, String service) {
    heldCalls.putIfAbsent(domain + "." + service, new ArrayList<>());
  }

  /**
   * Answers the held calls of {@code domain.service} now, as HA would have at once (state changes,
   * then the result), and stops holding them; returns how many calls were answered.
   */
  public synchronized int answerHeld(String domain, String service) {
    List<Runnable> calls = heldCalls.remove(domain + "." + service);
    if (calls == null) {
      return 0;
    }
    calls.forEach(Runnable::run);
    return calls.size();
  }

  /** Makes every later command of {@code type} go unanswered (a hung HA, for ping timeouts). */
  public synchronized void ignoreCommand(String type) {
    ignoredCommands.add(type);
  }

  /** Every error result sent so far (to assert a client kept to the protocol). */
  public synchronized List<ObjectNode> errorsSent() {
    return errorsSent.stream().map(ObjectNode::deepCopy).toList();
  }

  /** Runs {@code hook} under the lock just before the next get_states reads the states. */
  public synchronized void beforeNextGetStates(Runnable hook) {
    beforeNextGetStates = hook;
  }

  /** Runs {@code hook} under the lock just after the next get_states result is written. */
  public synchronized void afterNextGetStates(Runnable hook) {
    afterNextGetStates = hook;
  }

  /** Every command received in the command phase, in arrival order, of the given type. */
  public synchronized List<ObjectNode> commands(String type) {
    return commands.stream().filter(c -> type.equals(c.path("type").asText()))
        .map(ObjectNode::deepCopy).toList();
  }

  public synchronized int authAttempts() {
    return authAttempts;
  }

  /** Connections that passed the auth phase and are still open. */
  public synchronized int authenticatedSessions() {
    return (int) sessions.stream().filter(FakeSession::authenticated).count();
  }

  /** Closes every connection, as a network loss or an HA restart does. */
  public synchronized void dropAllConnections() {
    new ArrayList<>(sessions).forEach(FakeSession::close);
    sessions.clear();
  }

  /** Stops listening and drops every connection (HA is down); {@link #restart()} brings it back. */
  public void stop() {
    HttpServer current;
    synchronized (this) {
      current = server;
      server = null;
      dropAllConnections();
    }
    if (current != null) {
      await(current.close().toCompletionStage().toCompletableFuture());
    }
  }

  /** Listens again on the same port, keeping the states (HA restarted). */
  public void restart() {
    stop();
    listen(port);
  }

  @Override
  public void close() {
    stop();
  }

  // ---- protocol ----

  private void listen(int requestedPort) {
    HttpServer created = vertx.createHttpServer(options).requestHandler(this::onRequest);
    HttpServer listening = await(created.listen(requestedPort, "127.0.0.1")
        .toCompletionStage().toCompletableFuture());
    synchronized (this) {
      server = listening;
      port = listening.actualPort();
    }
  }

  private void onRequest(HttpServerRequest request) {
    if (!PATH.equals(request.path())) {
      request.response().setStatusCode(404).end("404: Not Found");
      return;
    }
    request.toWebSocket().onSuccess(this::onConnected)
        .onFailure(e -> request.response().setStatusCode(400).end());
  }

  private synchronized void onConnected(ServerWebSocket socket) {
    FakeSession session = new FakeSession(this, socket);
    sessions.add(session);
    session.send(message("auth_required"));
    // HA gives a client 10 s to authenticate; then it disconnects.
    vertx.setTimer(10_000, t -> {
      synchronized (this) {
        if (!session.authenticated()) {
          session.close();
        }
      }
    });
  }

  synchronized void onClosed(FakeSession session) {
    sessions.remove(session);
  }

  /** The auth phase: the first message must be {@code {type: auth, access_token}}. */
  synchronized void onAuth(FakeSession session, JsonNode message) {
    authAttempts++;
    JsonNode accessToken = message.path("access_token");
    if (!message.isObject() || !"auth".equals(message.path("type").asText())
        || !accessToken.isTextual()) {
      session.send(authInvalid("Auth message incorrectly formatted: expected {type: auth,"
          + " access_token}"));
      session.close();
    } else if (!token.equals(accessToken.asText())
        && !nonAdminTokens.contains(accessToken.asText())) {
      session.send(authInvalid("Invalid access token or password"));
      session.close();
    } else {
      session.authenticate(token.equals(accessToken.asText()));
      ObjectNode ok = message("auth_ok");
      session.send(ok);
    }
  }

  /** One command-phase message, checked in HA's order: format, id, known type, schema. */
  synchronized void onCommand(FakeSession session, JsonNode message) {
    JsonNode id = message.path("id");
    if (!message.isObject() || !id.isInt() || id.asInt() <= 0 || !message.path("type").isTextual()) {
      session.send(error(message.isObject() && id.isInt() ? id.asInt() : 0, "invalid_format",
          "Message incorrectly formatted."));
      return;
    }
    commands.add(((ObjectNode) message).deepCopy());
    if (id.asInt() <= session.lastId()) {
      session.send(error(id.asInt(), "id_reuse", "Identifier values have to increase."));
      return;
    }
    FakeCommand command = FakeCommand.of(message.get("type").asText());
    if (ignoredCommands.contains(message.get("type").asText())) {
      session.lastId(id.asInt());
      return;
    }
    if (command == null) {
      session.send(error(id.asInt(), "unknown_command", "Unknown command."));
      return;
    }
    command.handle(this, session, (ObjectNode) message);
    session.lastId(id.asInt());
  }

  // ---- what the commands reach (called under the lock) ----

  List<ObjectNode> snapshot() {
    if (beforeNextGetStates != null) {
      Runnable hook = beforeNextGetStates;
      beforeNextGetStates = null;
      hook.run();
    }
    return states.all();
  }

  void afterSnapshot() {
    if (afterNextGetStates != null) {
      Runnable hook = afterNextGetStates;
      afterNextGetStates = null;
      hook.run();
    }
  }

  String[] failureOf(String domain, String service) {
    return failures.get(domain + "." + service);
  }

  boolean isSilent(String domain, String service) {
    return silentServices.contains(domain + "." + service);
  }

  /** Keeps {@code answer} for {@link #answerHeld} if the service is held; false if it is not. */
  boolean held(String domain, String service, Runnable answer) {
    List<Runnable> calls = heldCalls.get(domain + "." + service);
    if (calls == null) {
      return false;
    }
    calls.add(answer);
    return true;
  }

  FakeStates states() {
    return states;
  }

  static ObjectNode message(String type) {
    ObjectNode message = Json.object();
    message.put("type", type);
    if (type.startsWith("auth_")) {
      message.put("ha_version", HA_VERSION);
    }
    return message;
  }

  static ObjectNode result(int id, JsonNode result) {
    ObjectNode message = Json.object();
    message.put("id", id);
    message.put("type", "result");
    message.put("success", true);
    message.set("result", result);
    return message;
  }

  synchronized void recordError(ObjectNode error) {
    errorsSent.add(error.deepCopy());
  }

  static ObjectNode error(int id, String code, String text) {
    ObjectNode message = Json.object();
    message.put("id", id);
    message.put("type", "result");
    message.put("success", false);
    message.putObject("error").put("code", code).put("message", text);
    return message;
  }

  private static ObjectNode authInvalid(String text) {
    ObjectNode message = Json.object();
    message.put("type", "auth_invalid");
    message.put("message", text);
    return message;
  }

  static JsonNode parse(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      return null;
    }
  }

  private static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(10, TimeUnit.SECONDS);
    } catch (InterruptedException | ExecutionException | TimeoutException e) {
      throw new IllegalStateException("fake Home Assistant: " + e.getMessage(), e);
    }
  }
}
