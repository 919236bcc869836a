package io.pma;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.automation.Scheduler;
import io.pma.automation.VertxScheduler;
import io.pma.config.ConfigLoader;
import io.pma.config.PmaConfig;
import io.pma.domain.Json;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A real PMA server for tests: random port, its own data directory, known admin password. Extra
 * configuration comes as PMA_* variables, exactly as an operator would set them.
 */
public final class TestServer implements AutoCloseable {
  public static final String ADMIN_PASSWORD = "test-admin-password";
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .connectTimeout(Duration.ofSeconds(5)).build();

  private final Path dataDir;
  private final Map<String, String> env;
  private final Clock clock;
  private final Function<Vertx, Scheduler> schedulers;
  private PmaServer server;

  private TestServer(Path dataDir, Map<String, String> env, Clock clock,
      Function<Vertx, Scheduler> schedulers) {
    this.dataDir = dataDir;
    this.env = env;
    this.clock = clock;
    this.schedulers = schedulers;
  }

  /** Starts a server whose clock and automation timers are {@code time} (moved by the test). */
  public static TestServer start(Map<String, String> overrides, ManualTime time) {
    try {
      return start(Files.createTempDirectory("pma-test"), overrides, time, v -> time);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Starts a server; {@code overrides} are extra PMA_* variables. */
  public static TestServer start(Map<String, String> overrides) {
    try {
      Path dir = Files.createTempDirectory("pma-test");
      return start(dir, overrides);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static TestServer start() {
    return start(Map.of());
  }

  /** Starts a server on an existing data directory (to test restarts). */
  public static TestServer start(Path dataDir, Map<String, String> overrides) {
    Clock clock = Clock.systemUTC();
    return start(dataDir, overrides, clock, v -> new VertxScheduler(v, clock));
  }

  private static TestServer start(Path dataDir, Map<String, String> overrides, Clock clock,
      Function<Vertx, Scheduler> schedulers) {
    Map<String, String> env = new HashMap<>();
    env.put("PMA_SERVER_PORT", "0");
    env.put("PMA_SERVER_HOST", "127.0.0.1");
    env.put("PMA_STORAGE_DATA_DIR", dataDir.toString());
    env.put("PMA_ADMIN_PASSWORD", ADMIN_PASSWORD);
    env.put("PMA_SERVER_EVENT_LOOPS", "2");
    // Alerts on how fast and full this machine is would, on a busy CI machine, add alert
    // notifications (every socket gets them) and a "degraded" status to any test. The tests of
    // alerts switch on the ones they test.
    for (String metric : new String[] {"HEAP_USED_PERCENT", "EVENT_LOOP_BLOCKED_MS",
        "FANOUT_P99_MS", "DATABASE_WRITE_LAG_MS"}) {
      env.put("PMA_SYSTEM_ALERTS_" + metric, "0");
    }
    // Anonymous test clients often live longer than the 10 s authentication deadline on a busy CI
    // machine; the tests of that deadline set their own.
    env.put("PMA_WEBSOCKET_AUTH_TIMEOUT_SECONDS", "300");
    env.putAll(overrides);
    TestServer test = new TestServer(dataDir, env, clock, schedulers);
    test.boot();
    return test;
  }

  private void boot() {
    PmaConfig config = ConfigLoader.load(null, env);
    try {
      server = PmaServer.start(config, clock, schedulers).toCompletionStage()
          .toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("test server did not start", e);
    }
  }

  /** Stops and starts again on the same data directory and port. */
  public void restart() {
    int port = server.port();
    stopServer();
    env.put("PMA_SERVER_PORT", Integer.toString(port));
    boot();
  }

  public PmaServer server() {
    return server;
  }

  public Path dataDir() {
    return dataDir;
  }

  public int port() {
    return server.port();
  }

  public String url(String path) {
    return "http://127.0.0.1:" + port() + path;
  }

  public String wsUrl() {
    return "ws://127.0.0.1:" + port() + "/ws";
  }

  /** Logs in and returns the bearer token. */
  public String login(String username, String password) {
    Response r = request("POST", "/api/v1/auth/login", null,
        Json.object().put("username", username).put("password", password).toString());
    if (r.status() != 200) {
      throw new IllegalStateException("login failed: " + r.status() + " " + r.body());
    }
    return r.json().get("token").asText();
  }

  public String adminToken() {
    return login("admin", ADMIN_PASSWORD);
  }

  /**
   * Creates a long-lived token as the owner of {@code token}; {@code body} names it and sets its
   * days and topics. Returns the created token's JSON ({@code id}, {@code token}...).
   */
  public JsonNode createToken(String token, String body) {
    Response r = request("POST", "/api/v1/auth/tokens", token, body);
    if (r.status() != 201) {
      throw new IllegalStateException("token not created: " + r.status() + " " + r.body());
    }
    return r.json();
  }

  /** Revokes the long-lived token with {@code id}; returns the status (204 when revoked). */
  public int revokeToken(String token, String id) {
    return request("DELETE", "/api/v1/auth/tokens/" + id, token, null).status();
  }

  /** An HTTP exchange with a JSON body (or none). */
  public Response request(String method, String path, String token, String jsonBody) {
    return send(jsonRequest(url(path), method, token, jsonBody));
  }

  /** A request to {@code url} with a JSON body and a bearer token (either may be null). */
  public static HttpRequest jsonRequest(String url, String method, String token,
      String jsonBody) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
        .timeout(Duration.ofSeconds(10))
        .method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(jsonBody));
    if (jsonBody != null) {
      builder.header("Content-Type", "application/json");
    }
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder.build();
  }

  /**
   * Sends {@code request} and checks the answer against the OpenAPI document: a response that
   * the document does not describe fails the test ({@link OpenApiContract}).
   */
  public static Response send(HttpRequest request) {
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      Response response = new Response(r.statusCode(), r.body(),
          r.headers().firstValue("Content-Type").orElse(""));
      OpenApiContract.check(request.method(), request.uri().getRawPath(), response.status(),
          response.contentType(), response.body());
      return response;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A response, with its body parsed on demand. */
  public record Response(int status, String body, String contentType) {
    public JsonNode json() {
      try {
        return Json.MAPPER.readTree(body);
      } catch (IOException e) {
        throw new IllegalStateException("not JSON: " + body, e);
      }
    }
  }

  private void stopServer() {
    try {
      server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException("test server did not stop", e);
    }
  }

  @Override
  public void close() {
    stopServer();
  }
}
