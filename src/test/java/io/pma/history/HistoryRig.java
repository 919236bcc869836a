package io.pma.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.ManualTime;
import io.pma.TestServer;
import io.pma.auth.Role;
import io.pma.cluster.PostgresProcess;
import io.pma.domain.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A real server on SQLite or PostgreSQL whose clock the test moves, with helpers to write states
 * through the REST API and read history back. The demo devices are off so that only the test's
 * entities change.
 */
final class HistoryRig implements AutoCloseable {
  static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

  final ManualTime time = new ManualTime(T0);
  final TestServer server;

  HistoryRig(Map<String, String> database, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(database);
    env.put("PMA_DEMO_ENABLED", "false");
    env.putAll(extra);
    this.server = TestServer.start(env, time);
  }

  /** The databases every history test runs on: SQLite and a fresh PostgreSQL database. */
  static Stream<Arguments> databases() {
    return Stream.of(Arguments.of("sqlite", (java.util.function.Supplier<Map<String, String>>)
            Map::of),
        Arguments.of("postgres", (java.util.function.Supplier<Map<String, String>>) () -> Map.of(
            "PMA_STORAGE_TYPE", "postgres",
            "PMA_STORAGE_POSTGRES_URL", PostgresProcess.shared().newDatabase())));
  }

  private String adminToken;

  /** An admin token, valid at the current manual time. */
  String admin() {
    if (adminToken == null) {
      adminToken = server.adminToken();
    }
    return adminToken;
  }

  /** An admin-issued token limited to {@code topics}. */
  String limitedTo(List<String> topics) {
    JsonNode claims = claims(admin());
    return server.server().jwt().issue(claims.get("sub").asText(), "admin", Set.of(Role.USER),
        claims.get("epoch").asLong(), Duration.ofMinutes(30), topics).token();
  }

  /** Records a state through the API at the current (manual) time. */
  void put(String entityId, String state, ObjectNode attributes) {
    ObjectNode body = Json.object().put("state", state);
    body.set("attributes", attributes == null ? Json.object() : attributes);
    TestServer.Response r = server.request("PUT", "/api/v1/entities/" + entityId + "/state",
        admin(), body.toString());
    if (r.status() >= 300) {
      throw new IllegalStateException(r.status() + " " + r.body());
    }
  }

  void advance(Duration step) {
    time.advance(step);
    adminToken = null;
  }

  /** Waits until everything recorded so far is in the database. */
  void flushed() {
    await(server.server().history().flushed());
  }

  void rollUp() {
    await(server.server().history().recorder().orElseThrow().rollUp());
  }

  void purge() {
    await(server.server().history().recorder().orElseThrow().purgeNow());
  }

  TestServer.Response get(String path, String token) {
    flushed();
    return server.request("GET", path, token, null);
  }

  static String at(Instant instant) {
    return instant.toString();
  }

  private static void await(java.util.concurrent.CompletableFuture<Void> future) {
    try {
      future.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode claims(String token) {
    try {
      return Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]),
          StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
