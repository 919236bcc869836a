package io.pma.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.Await;
import io.pma.BrokerEvents;
import io.pma.TestServer.Response;
import io.pma.TestServer;
import io.pma.WsTestClient;
import io.pma.domain.Json;
import io.pma.domain.SystemStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SystemStatusTest {
  private static final List<String> TOP_KEYS = List.of("status", "version", "uptime_seconds",
      "cpu", "memory", "websocket", "entities", "adapters", "database");

  private static List<String> keys(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static void assertPayloadShape(JsonNode data, int clients) {
    assertThat(keys(data)).containsExactlyElementsOf(TOP_KEYS);
    assertThat(keys(data.get("cpu")))
        .containsExactly("process_percent", "system_load_average", "cores");
    assertThat(keys(data.get("memory"))).containsExactly("heap_used_bytes",
        "heap_committed_bytes", "heap_max_bytes", "heap_used_percent", "rss_bytes");
    assertThat(data.get("websocket")).isEqualTo(Json.object().put("connected_clients", clients)
        .put("authenticated_clients", clients));
    assertThat(data.get("entities")).isEqualTo(Json.object().put("count", 25));
    assertThat(data.get("memory").get("heap_used_bytes").asLong()).isPositive();
    assertThat(data.get("memory").get("rss_bytes").asLong()).isPositive();
    assertThat(data.get("cpu").get("cores").asInt()).isPositive();
  }

  @Test
  @DisplayName("the system_status a subscriber gets at once counts its own connection, although the report is older")
  void currentCountsTheSubscriber() {
    // The default interval (30 s) is far longer than this test: the report stays the same one.
    try (TestServer server = TestServer.start(Map.of());
        WsTestClient first = WsTestClient.connect(server)) {
      first.authenticate(server.adminToken()).subscribe("system_status");
      JsonNode firstStatus = first.first("system_status");
      try (WsTestClient second = WsTestClient.connect(server)) {
        second.authenticate(server.adminToken()).subscribe("system_status");
        JsonNode secondStatus = second.first("system_status");
        assertThat(secondStatus.get("seq")).isEqualTo(firstStatus.get("seq"));
        assertThat(secondStatus.at("/data/websocket")).isEqualTo(Json.object()
            .put("connected_clients", 2).put("authenticated_clients", 2));
      }
    }
  }

  @Test
  @DisplayName("a /ws subscriber to system_status gets the current one and then the periodic ones, with real figures")
  void periodic() {
    try (TestServer server = TestServer.start(Map.of("PMA_SYSTEM_STATUS_INTERVAL_SECONDS", "1"));
        WsTestClient client = WsTestClient.connect(server)) {
      client.authenticate(server.adminToken()).subscribe("system_status");
      JsonNode current = client.first("system_status");
      assertThat(current.get("topic").asText()).isEqualTo("system_status");
      // Health does not change here, so only the 1 s timer sends another (the default interval
      // is far longer than the wait). How punctual the timer is is no business of this test.
      JsonNode next = client.first("system_status");
      assertThat(next.get("seq").asLong()).isGreaterThan(current.get("seq").asLong());
      JsonNode data = next.get("data");
      assertPayloadShape(data, 1);
      assertThat(data.get("status").asText()).isEqualTo("healthy");
      assertThat(data.get("version").asText()).isEqualTo(HealthMonitor.VERSION);
      assertThat(data.get("adapters")).isEqualTo(Json.object().put("demo", "connected"));
      assertThat(data.at("/database/status").asText()).isEqualTo("ok");
      assertThat(data.at("/database/detail").isNull()).isTrue();
      // Demo sensors drift meanwhile and their writes wait for the next flush: a lag in
      // milliseconds (not nanoseconds, not an instant), however slow this machine is.
      assertThat(data.at("/database/write_lag_ms").asLong()).isBetween(0L, 30_000L);
    }
  }

  @Test
  @DisplayName("an adapter going down sends system_status to /ws subscribers at once, a warning notification, and readiness turns false")
  void adapterDown() {
    try (TestServer server = TestServer.start(Map.of("PMA_SYSTEM_STATUS_INTERVAL_SECONDS", "3600"));
        WsTestClient client = WsTestClient.connect(server)) {
      client.authenticate(server.adminToken()).subscribe("system_status");
      assertThat(client.first("system_status").at("/data/adapters/demo").asText())
          .isEqualTo("connected");
      BrokerEvents events = BrokerEvents.attach(server.server());
      server.server().adapters().get("demo").orElseThrow().stop();
      JsonNode down = client.first("system_status");
      assertThat(down.at("/data/adapters/demo").asText()).isEqualTo("disconnected");
      assertThat(down.at("/data/status").asText()).isEqualTo("degraded");
      JsonNode note = client.first("notification").get("data");
      assertThat(note.get("title").asText()).isEqualTo("Adapter lost: Demo devices");
      assertThat(note.get("message").asText())
          .isEqualTo("Demo devices (demo) is disconnected: stopped");
      assertThat(note.get("level").asText()).isEqualTo("warning");
      assertThat(note.get("source").asText()).isEqualTo("system");
      assertThat(note.get("user_id").asText()).as("system notices go to admins").isEqualTo("@admins");
      // The broker hands the event to the hub before this recorder: await it here too.
      assertThat(events.awaitCount(SystemStatus.class, 1, Await.TIMEOUT)).hasSize(1);
      Response ready = server.request("GET", "/health/ready", null, null);
      assertThat(ready.status()).isEqualTo(503);
      Response health = server.request("GET", "/health", null, null);
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().get("status").asText()).isEqualTo("degraded");
    }
  }

  @Test
  @DisplayName("a failing database is reported as unhealthy at the next sample, without waiting for the interval")
  void databaseDown() {
    try (TestServer server = TestServer.start(Map.of("PMA_SYSTEM_STATUS_INTERVAL_SECONDS", "3600",
        "PMA_SYSTEM_SAMPLE_INTERVAL_MS", "200"))) {
      BrokerEvents events = BrokerEvents.attach(server.server());
      server.server().database().close();
      SystemStatus down = events.await(SystemStatus.class,
          s -> "unhealthy".equals(s.status()), Await.TIMEOUT);
      assertThat(down.database().status()).isEqualTo("down");
      assertThat(down.database().detail()).isEqualTo("database does not answer");
    }
  }

  @Test
  @DisplayName("GET /api/v1/system/status returns the system_status payload to users, 401 without a token")
  void rest() {
    try (TestServer server = TestServer.start()) {
      Response r = server.request("GET", "/api/v1/system/status", server.adminToken(), null);
      assertThat(r.status()).isEqualTo(200);
      assertPayloadShape(r.json(), 0);
      assertThat(r.json().get("status").asText()).isEqualTo("healthy");
      assertThat(r.json().get("adapters")).isEqualTo(Json.object().put("demo", "connected"));
      assertThat(keys(r.json().get("database"))).containsExactly("status", "detail",
          "write_lag_ms");
      assertThat(r.json().at("/database/status").asText()).isEqualTo("ok");
      assertThat(r.json().at("/database/detail").isNull()).isTrue();
      Response anonymous = server.request("GET", "/api/v1/system/status", null, null);
      assertThat(anonymous.status()).isEqualTo(401);
      assertThat(anonymous.contentType()).isEqualTo("application/problem+json");
    }
  }
}
