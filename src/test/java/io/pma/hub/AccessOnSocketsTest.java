package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.ServerRig;
import io.pma.TestServer;
import io.pma.WsTestClient;
import io.pma.auth.Role;
import io.pma.domain.Json;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The account rules as open WebSockets see them: roles, restricted tokens, revocation via REST. */
class AccessOnSocketsTest {
  /** One topic of each family, in PROTOCOL.md section 4 order. */
  private static final List<String> FAMILIES = List.of("entity_updates:light.kitchen",
      "ha_events:state_changed", "system_status", "system_events:adapter_status",
      "automation_events", "notifications");

  @RegisterExtension
  static final ServerRig rig = new ServerRig(ServerRig.STILL_DEMO);

  /** Subscribes to each family separately and returns topic → "ok" or the failure reason. */
  private static Map<String, String> outcomes(WsTestClient client) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String topic : FAMILIES) {
      client.send("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"" + topic + "\"]}}");
      JsonNode reply = client.next();
      // Events (system_status, notifications...) may come between replies: skip them.
      while (reply.has("seq")) {
        reply = client.next();
      }
      String type = reply.get("type").asText();
      result.put(topic, "subscription_success".equals(type) ? "ok"
          : reply.at("/data/topics/0/reason").asText());
    }
    return result;
  }

  /** Topic → {@code outcome} for every family, but the {@code exceptions}' own outcomes. */
  private static Map<String, String> expected(String outcome, Map<String, String> exceptions) {
    Map<String, String> result = new LinkedHashMap<>();
    for (String topic : FAMILIES) {
      result.put(topic, exceptions.getOrDefault(topic, outcome));
    }
    return result;
  }

  @Test
  @DisplayName("role x topic family: anonymous gets notifications only, user all but system_events, admin all")
  void roleMatrix() {
    try (WsTestClient anonymous = WsTestClient.connect(rig.server().wsUrl())) {
      assertThat(outcomes(anonymous)).containsExactlyEntriesOf(
          expected("authentication required", Map.of("notifications", "ok")));
    }
    try (WsTestClient user = WsTestClient.connect(rig.server().wsUrl())) {
      user.authenticate(TestTokens.user(rig.server(), "matrix-user"));
      assertThat(outcomes(user)).containsExactlyEntriesOf(
          expected("ok", Map.of("system_events:adapter_status", "forbidden")));
    }
    try (WsTestClient admin = WsTestClient.connect(rig.server().wsUrl())) {
      admin.authenticate(rig.server().adminToken());
      assertThat(outcomes(admin)).containsExactlyEntriesOf(expected("ok", Map.of()));
    }
  }

  @Test
  @DisplayName("a restricted long-lived token subscribes only within its topics, and its revocation hits the open socket")
  void restrictedTokenRevokedViaRest() {
    String admin = rig.server().adminToken();
    JsonNode created = rig.server().createToken(admin,
        "{\"name\":\"kiosk\",\"expires_in_days\":7,\"topics\":[\"entity_updates:light.*\"]}");
    String kiosk = created.get("token").asText();
    try (WsTestClient client = WsTestClient.connect(rig.server().wsUrl())) {
      client.authenticate(kiosk);
      client.subscribe("entity_updates:light.kitchen");
      client.send("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:switch.tv\","
          + "\"system_status\"]}}");
      JsonNode failure = client.next("subscription_failure");
      assertThat(failure.at("/data/topics").toString()).isEqualTo(
          "[{\"topic\":\"entity_updates:switch.tv\",\"reason\":\"forbidden\"},"
              + "{\"topic\":\"system_status\",\"reason\":\"forbidden\"}]");
      assertThat(rig.server().revokeToken(admin, created.get("id").asText())).isEqualTo(204);
      // The token is good for a week and the socket sends nothing: only the revocation itself,
      // pushed to the open socket, can end its authentication now.
      JsonNode expired = client.nextOf("authentication_expired");
      assertThat(expired.at("/data/revoked_topics").toString())
          .isEqualTo("[\"entity_updates:light.kitchen\"]");
      client.send("{\"type\":\"authenticate\",\"data\":{\"token\":\"" + kiosk + "\"}}");
      assertThat(client.next("authentication_failure").at("/data/error").asText())
          .isEqualTo("Token revoked");
    }
  }

  @Test
  @DisplayName("disabling a user ends the authentication of that user's open sockets at once")
  void disablingUserHitsSockets() {
    String token = TestTokens.token(rig.server(), "to-disable", Set.of(Role.USER),
        Duration.ofMinutes(10), null);
    String id = TestTokens.userId(rig.server(), "to-disable");
    try (WsTestClient client = WsTestClient.connect(rig.server().wsUrl())) {
      client.authenticate(token);
      client.subscribe("ha_events");
      rig.server().request("PATCH", "/api/v1/users/" + id, rig.server().adminToken(),
          Json.object().put("disabled", true).toString());
      assertThat(client.nextOf("authentication_expired").at("/data/revoked_topics").toString())
          .isEqualTo("[\"ha_events\"]");
    }
  }
}
