package io.pma.hub;

import static io.pma.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.ServerRig;
import io.pma.TestServer;
import io.pma.WsTestClient;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code GET /api/v1/websocket/stats} as API.md describes it. */
class WebSocketStatsTest {
  @RegisterExtension
  static final ServerRig rig = new ServerRig(ServerRig.STILL_DEMO);

  @Test
  @DisplayName("admins get the counters; others get 401/403")
  void access() {
    assertThat(rig.server().request("GET", "/api/v1/websocket/stats", null, null).status())
        .isEqualTo(401);
    assertProblem(rig.server().request("GET", "/api/v1/websocket/stats",
        TestTokens.user(rig.server(), "plain"), null), 403);
    TestServer.Response bad = rig.server().request("GET", "/api/v1/websocket/stats?clients=maybe",
        rig.server().adminToken(), null);
    assertThat(bad.status()).isEqualTo(400);
  }

  @Test
  @DisplayName("the stats count connections, messages and subscriptions; ?clients=true lists them")
  void counters() {
    String admin = rig.server().adminToken();
    String token = TestTokens.user(rig.server(), "counted");
    try (WsTestClient one = WsTestClient.connect(rig.server().wsUrl());
        WsTestClient two = WsTestClient.connect(rig.server().wsUrl())) {
      one.authenticate(token);
      one.subscribe("entity_updates:light.kitchen", "ha_events");
      two.send("{oops").next("invalid_message");
      two.send("{\"type\":\"authenticate\",\"data\":{\"token\":\"bad\"}}")
          .next("authentication_failure");
      JsonNode stats = rig.server().request("GET", "/api/v1/websocket/stats", admin, null).json();
      assertThat(stats.fieldNames()).toIterable().containsExactly("connected_clients",
          "authenticated_clients", "peak_clients", "total_connections", "messages_sent",
          "messages_received", "bytes_sent", "bytes_received", "messages_coalesced",
          "messages_dropped", "slow_consumer_disconnects", "auth_failures", "invalid_messages",
          "subscriptions", "uptime_seconds", "started_at");
      assertThat(stats.get("connected_clients").asInt()).isEqualTo(2);
      assertThat(stats.get("authenticated_clients").asInt()).isEqualTo(1);
      assertThat(stats.get("peak_clients").asInt()).isGreaterThanOrEqualTo(2);
      assertThat(stats.get("messages_received").asLong()).isGreaterThanOrEqualTo(4);
      assertThat(stats.get("messages_sent").asLong()).isGreaterThanOrEqualTo(6);
      assertThat(stats.get("bytes_sent").asLong()).isGreaterThan(stats.get("messages_sent").asLong());
      assertThat(stats.get("auth_failures").asLong()).isGreaterThanOrEqualTo(1);
      assertThat(stats.get("invalid_messages").asLong()).isGreaterThanOrEqualTo(1);
      assertThat(stats.get("subscriptions").toString()).isEqualTo("{\"total\":4,\"by_topic\":"
          + "{\"entity_updates:light.kitchen\":1,\"ha_events\":1,\"notifications\":2}}");

      JsonNode withClients = rig.server().request("GET", "/api/v1/websocket/stats?clients=true",
          admin, null).json();
      assertThat(withClients.get("clients")).hasSize(2);
      JsonNode mine = null;
      for (JsonNode client : withClients.get("clients")) {
        assertThat(client.fieldNames()).toIterable().containsExactly("client_id", "user_id",
            "remote_address", "connected_at", "subscriptions", "queue_depth", "messages_sent");
        if (!client.get("user_id").isNull()) {
          mine = client;
        }
      }
      assertThat(mine).isNotNull();
      assertThat(mine.get("user_id").asText())
          .isEqualTo(TestTokens.userId(rig.server(), "counted"));
      assertThat(mine.get("remote_address").asText()).startsWith("127.0.0.1:");
      assertThat(mine.get("subscriptions").toString()).isEqualTo(
          "[\"notifications\",\"entity_updates:light.kitchen\",\"ha_events\"]");
      assertThat(mine.get("queue_depth").asInt()).isZero();
      assertThat(mine.get("messages_sent").asLong()).isEqualTo(3); // welcome, auth, subscribe
    }
  }
}
