package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.Await;
import io.pma.ManualTime;
import io.pma.ServerRig;
import io.pma.TestServer;
import io.pma.WsTestClient;
import io.pma.auth.Role;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Connection, envelope and authentication (PROTOCOL.md sections 1, 2, 3 and 7). */
class WebSocketConnectionTest {
  private static final String RFC3339_MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

  @RegisterExtension
  static final ServerRig rig = new ServerRig(ServerRig.STILL_DEMO);

  static String userToken(TestServer server, String username, Duration ttl) {
    return TestTokens.token(server, username, Set.of(Role.USER), ttl, null);
  }

  @Test
  @DisplayName("welcome comes first with client id, server time, version 1, auth state and features")
  void welcome() {
    try (WsTestClient client = WsTestClient.open(rig.server().wsUrl())) {
      JsonNode welcome = client.next("welcome");
      assertThat(welcome.fieldNames()).toIterable().containsExactly("type", "timestamp", "data");
      assertThat(welcome.get("timestamp").asText()).matches(RFC3339_MILLIS);
      JsonNode data = welcome.get("data");
      assertThat(data.fieldNames()).toIterable().containsExactly("client_id", "server_time",
          "protocol_version", "authenticated", "features");
      assertThat(data.get("client_id").asText()).hasSize(36);
      assertThat(data.get("server_time").asText()).matches(RFC3339_MILLIS);
      assertThat(data.get("protocol_version").asInt()).isEqualTo(1);
      assertThat(data.get("authenticated").asBoolean()).isFalse();
      assertThat(data.get("features").toString())
          .isEqualTo("[\"compression\",\"snapshot\",\"coalescing\",\"resume\",\"compact_snapshot\"]");
    }
  }

  @Test
  @DisplayName("authenticate answers authentication_success with the user and echoes request_id")
  void authenticateByMessage() {
    String token = userToken(rig.server(), "u-1", Duration.ofMinutes(5));
    try (WsTestClient client = WsTestClient.connect(rig.server().wsUrl())) {
      client.send("{\"type\":\"authenticate\",\"request_id\":\"r1\",\"data\":{\"token\":\""
          + token + "\"}}");
      JsonNode reply = client.next("authentication_success");
      assertThat(reply.get("request_id").asText()).isEqualTo("r1");
      JsonNode data = reply.get("data");
      assertThat(data.fieldNames()).toIterable().containsExactly("user_id", "username", "roles",
          "expires_at", "message");
      assertThat(data.get("user_id").asText()).isEqualTo(TestTokens.userId(rig.server(), "u-1"));
      assertThat(data.get("username").asText()).isEqualTo("u-1");
      assertThat(data.get("roles").toString()).isEqualTo("[\"user\"]");
      assertThat(data.get("expires_at").asText()).matches(RFC3339_MILLIS);
      assertThat(data.get("message").asText()).isEqualTo("Authentication successful");
    }
  }

  @Test
  @DisplayName("a subscribe sent right after authenticate sees the authentication")
  void messagesHandledInOrder() {
    String token = userToken(rig.server(), "u-2", Duration.ofMinutes(5));
    try (WsTestClient client = WsTestClient.connect(rig.server().wsUrl())) {
      client.send("{\"type\":\"authenticate\",\"data\":{\"token\":\"" + token + "\"}}")
          .send("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:light.kitchen\"]}}");
      client.next("authentication_success");
      JsonNode success = client.next("subscription_success");
      assertThat(success.get("data").toString()).isEqualTo(
          "{\"topics\":[\"entity_updates:light.kitchen\"],"
              + "\"subscriptions\":[\"notifications\",\"entity_updates:light.kitchen\"]}");
    }
  }

  @Test
  @DisplayName("a token in the Authorization header or ?token= authenticates at the upgrade")
  void authenticateAtUpgrade() {
    String token = userToken(rig.server(), "u-3", Duration.ofMinutes(5));
    try (WsTestClient header = WsTestClient.open(rig.server().wsUrl(),
        Map.of("Authorization", "Bearer " + token), false, 0)) {
      assertThat(header.next("welcome").get("data").get("authenticated").asBoolean()).isTrue();
      assertThat(header.next("authentication_success").get("data").get("username").asText())
          .isEqualTo("u-3");
    }
    try (WsTestClient query = WsTestClient.open(rig.server().wsUrl() + "?token=" + token)) {
      assertThat(query.next("welcome").get("data").get("authenticated").asBoolean()).isTrue();
      assertThat(query.next("authentication_success").get("data").get("username").asText())
          .isEqualTo("u-3");
    }
  }

  @Test
  @DisplayName("a bad token at the upgrade still connects: welcome unauthenticated, then the failure")
  void badTokenAtUpgrade() {
    try (WsTestClient client = WsTestClient.open(rig.server().wsUrl() + "?token=not-a-jwt")) {
      assertThat(client.next("welcome").get("data").get("authenticated").asBoolean()).isFalse();
      assertThat(client.next("authentication_failure").get("data").toString())
          .isEqualTo("{\"error\":\"Invalid token\"}");
      assertThat(client.untilPong()).isEmpty();
    }
  }

  @Test
  @DisplayName("the fifth failed authentication is answered, then the connection closes with 1008")
  void fiveFailuresClose() {
    try (WsTestClient client = WsTestClient.connect(rig.server().wsUrl())) {
      for (int i = 1; i <= 5; i++) {
        client.send("{\"type\":\"authenticate\",\"request_id\":" + i
            + ",\"data\":{\"token\":\"bad\"}}");
      }
      for (int i = 1; i <= 5; i++) {
        JsonNode failure = client.next("authentication_failure");
        assertThat(failure.get("request_id").asInt()).isEqualTo(i);
      }
      assertThat(client.awaitClose()).isEqualTo(1008);
    }
  }

  @Test
  @DisplayName("ping is answered with pong {server_time} echoing request_id")
  void pingPong() {
    try (WsTestClient client = WsTestClient.connect(rig.server().wsUrl())) {
      JsonNode pong = client.send("{\"type\":\"ping\",\"request_id\":42}").next("pong");
      assertThat(pong.fieldNames()).toIterable()
          .containsExactly("type", "timestamp", "data", "request_id");
      assertThat(pong.get("request_id").asInt()).isEqualTo(42);
      assertThat(pong.get("data").get("server_time").asText()).matches(RFC3339_MILLIS);
    }
  }

  @Test
  @DisplayName("revoking a principal drops its login-only topics with authentication_expired")
  void revoke() throws Exception {
    String token = userToken(rig.server(), "u-revoked", Duration.ofMinutes(5));
    try (WsTestClient client = WsTestClient.connect(rig.server().wsUrl())) {
      client.authenticate(token);
      client.subscribe("entity_updates:light.kitchen", "ha_events");
      String userId = TestTokens.userId(rig.server(), "u-revoked");
      rig.server().server().hub().revoke(p -> p.userId().equals(userId))
          .get(Await.TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
      JsonNode expired = client.next("authentication_expired");
      assertThat(expired.get("data").toString()).isEqualTo(
          "{\"revoked_topics\":[\"entity_updates:light.kitchen\",\"ha_events\"]}");
      // Anonymous now: login-only topics are refused...
      client.send("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"ha_events\"]}}");
      assertThat(client.next("subscription_failure").get("data").get("topics").toString())
          .isEqualTo("[{\"topic\":\"ha_events\",\"reason\":\"authentication required\"}]");
      // ...and a new authenticate restores what was revoked.
      client.send("{\"type\":\"authenticate\",\"data\":{\"token\":\""
          + userToken(rig.server(), "u-revoked", Duration.ofMinutes(5)) + "\"}}");
      client.next("authentication_success");
      assertThat(client.next("subscription_success").get("data").toString()).isEqualTo(
          "{\"topics\":[\"entity_updates:light.kitchen\",\"ha_events\"],\"subscriptions\":"
              + "[\"notifications\",\"entity_updates:light.kitchen\",\"ha_events\"]}");
    }
  }

  @Test
  @DisplayName("a token that expires on an open socket ends its authentication at the next tick")
  void expiryOnOpenSocket() {
    // The server's clock moves only when the test says: however slowly this machine connects,
    // the token is still good when it authenticates, and expires while the socket is open.
    ManualTime time = new ManualTime(Instant.now());
    try (TestServer timed = TestServer.start(Map.of("PMA_DEMO_TICK_MS", "3600000"), time);
        WsTestClient client = WsTestClient.connect(timed.wsUrl())) {
      client.authenticate(userToken(timed, "u-short", Duration.ofMinutes(1)));
      client.subscribe("entity_updates:light.*");
      assertThat(client.untilPong()).isEmpty();
      time.advance(Duration.ofMinutes(1));
      JsonNode expired = client.next("authentication_expired");
      assertThat(expired.get("data").get("revoked_topics").toString())
          .isEqualTo("[\"entity_updates:light.*\"]");
      assertThat(List.of(client.untilPong().toArray())).isEmpty();
    }
  }
}
