package io.pma.metrics;

import static io.pma.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.pma.Await;
import io.pma.TestServer.Response;
import io.pma.TestServer;
import io.pma.WsTestClient;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MetricsTest {
  private static PrometheusText scrape(TestServer server, String token) {
    Response r = server.request("GET", "/metrics", token, null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.contentType()).isEqualTo(PmaMetrics.CONTENT_TYPE);
    return PrometheusText.parse(r.body());
  }

  private static String userToken(TestServer server, String name) {
    Response created = server.request("POST", "/api/v1/users", server.adminToken(),
        "{\"username\":\"" + name + "\",\"password\":\"" + name + "-password-1\",\"roles\":[\"user\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return server.login(name, name + "-password-1");
  }

  @Test
  @DisplayName("/metrics gives an admin strictly valid Prometheus text with PMA's, Vert.x's and the JVM's meters")
  void exposition() {
    try (TestServer server = TestServer.start()) {
      PrometheusText metrics = scrape(server, server.adminToken());
      assertThat(metrics.value("pma_entities", Map.of())).isEqualTo(25);
      assertThat(metrics.value("pma_adapter_up", Map.of("adapter", "demo", "type", "demo")))
          .isEqualTo(1);
      assertThat(metrics.value("pma_adapter_entities", Map.of("adapter", "demo"))).isEqualTo(25);
      assertThat(metrics.typeOf("pma_events_published_total")).isEqualTo("counter");
      assertThat(metrics.value("pma_events_published_total", Map.of("family", "system_events")))
          .isGreaterThanOrEqualTo(2);
      assertThat(metrics.typeOf("pma_ws_fanout_latency_seconds")).isEqualTo("histogram");
      assertThat(metrics.value("pma_ws_connections", Map.of())).isZero();
      for (String name : new String[] {"pma_ws_connections_authenticated",
          "pma_ws_outbound_queue_depth", "pma_ws_messages_received_total",
          "pma_ws_messages_sent_total", "pma_ws_sent_bytes_total",
          "pma_ws_messages_coalesced_total", "pma_ws_messages_dropped_total",
          "pma_database_write_lag_seconds", "pma_database_write_failing", "pma_history_waiting",
          "pma_history_written_total", "pma_history_dropped_total"}) {
        assertThat(metrics.has(name)).as(name).isTrue();
      }
      assertThat(metrics.value("pma_performance_alert_raised",
          Map.of("metric", "heap_used_percent"))).isZero();
      assertThat(metrics.value("process_resident_memory_bytes", Map.of())).isGreaterThan(1e6);
      assertThat(metrics.sum("jvm_memory_used_bytes", Map.of("area", "heap"))).isPositive();
      assertThat(metrics.has("vertx_http_server_requests_total")).isTrue();
    }
  }

  @Test
  @DisplayName("counters move when traffic flows: /ws connections, messages, bytes, fan-out latency, events per family, HTTP requests")
  void countersMove() {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", "3600000"))) {
      String admin = server.adminToken();
      PrometheusText before = scrape(server, admin);
      try (WsTestClient client = WsTestClient.connect(server)) {
        client.authenticate(admin).subscribe("entity_updates:light.kitchen");
        for (int i = 0; i < 5; i++) {
          assertThat(server.request("POST", "/api/v1/entities/light.kitchen/action", admin,
              "{\"action\":\"toggle\"}").status()).isEqualTo(202);
          client.first("pma_entity_state_changed");
        }
        PrometheusText after = scrape(server, admin);
        assertThat(after.value("pma_ws_connections", Map.of())).isEqualTo(1);
        assertThat(after.value("pma_ws_connections_authenticated", Map.of())).isEqualTo(1);
        assertThat(grew(before, after, "pma_ws_messages_received_total", Map.of())).isEqualTo(2);
        // welcome, authentication_success, subscription_success and the five changes
        assertThat(grew(before, after, "pma_ws_messages_sent_total", Map.of()))
            .isGreaterThanOrEqualTo(8);
        assertThat(grew(before, after, "pma_ws_sent_bytes_total", Map.of()))
            .isGreaterThan(5 * 100);
        assertThat(grew(before, after, "pma_ws_fanout_latency_seconds_count", Map.of()))
            .isGreaterThanOrEqualTo(5);
        assertThat(after.value("pma_ws_fanout_latency_seconds_sum", Map.of())).isPositive();
        assertThat(after.value("pma_ws_outbound_queue_depth", Map.of())).isZero();
        assertThat(grew(before, after, "pma_events_published_total",
            Map.of("family", "entity_updates"))).isEqualTo(5);
        assertThat(grew(before, after, "vertx_http_server_requests_total", Map.of()))
            .isGreaterThanOrEqualTo(6);
      }
    }
  }

  @Test
  @DisplayName("the event loops' lag is a histogram: a loop held for 300 ms shows above 250 ms")
  void loopLag() {
    try (TestServer server = TestServer.start()) {
      String admin = server.adminToken();
      server.server().vertx().getOrCreateContext().runOnContext(v -> {
        try {
          Thread.sleep(300); // holds one event loop, as a long task would
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      Await.until("a probe timer late by more than 250 ms", () -> {
        PrometheusText metrics = scrape(server, admin);
        return metrics.value("pma_event_loop_lag_seconds_count", Map.of())
            > metrics.value("pma_event_loop_lag_seconds_bucket", Map.of("le", "0.25"));
      });
      PrometheusText metrics = scrape(server, admin);
      assertThat(metrics.typeOf("pma_event_loop_lag_seconds")).isEqualTo("histogram");
      assertThat(metrics.value("pma_event_loop_lag_seconds_max", Map.of())).isGreaterThan(0.25);
    }
  }

  private static double grew(PrometheusText before, PrometheusText after, String name,
      Map<String, String> labels) {
    return after.sum(name, labels) - before.sum(name, labels);
  }

  @Test
  @DisplayName("/metrics refuses callers without a token (401) and non-admins (403)")
  void adminOnly() {
    try (TestServer server = TestServer.start()) {
      assertProblem(server.request("GET", "/metrics", null, null), 401);
      assertThat(server.request("GET", "/metrics", "not-a-token", null).status()).isEqualTo(401);
      Response user = server.request("GET", "/metrics", userToken(server, "carol"), null);
      assertThat(user.status()).isEqualTo(403);
      assertThat(user.json().get("detail").asText()).contains("admin");
    }
  }

  @Test
  @DisplayName("metrics.access: port serves /metrics without a token on its own loopback port only")
  void ownPort() {
    try (TestServer server = TestServer.start(Map.of("PMA_METRICS_ACCESS", "port",
        "PMA_METRICS_PORT", "0"))) {
      int port = server.server().metricsPort();
      assertThat(port).isPositive().isNotEqualTo(server.port());
      Response r = TestServer.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/metrics")).GET().build());
      assertThat(r.status()).isEqualTo(200);
      assertThat(PrometheusText.parse(r.body()).value("pma_entities", Map.of())).isEqualTo(25);
      assertThat(TestServer.send(HttpRequest.newBuilder(
          URI.create("http://127.0.0.1:" + port + "/other")).GET().build()).status())
          .isEqualTo(404);
      assertThat(server.request("GET", "/metrics", server.adminToken(), null).status())
          .isEqualTo(404);
    }
  }
}
