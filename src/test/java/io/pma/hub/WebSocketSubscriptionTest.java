package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.ServerRig;
import io.pma.WsTestClient;
import io.pma.auth.Role;
import io.pma.domain.AdapterState;
import io.pma.domain.AdapterStatus;
import io.pma.domain.AutomationTriggered;
import io.pma.domain.EntityId;
import io.pma.domain.EntityUpdate;
import io.pma.domain.HaEvent;
import io.pma.domain.Json;
import io.pma.domain.Notification;
import io.pma.domain.PerformanceAlert;
import io.pma.domain.SystemStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Topics, filters, permissions and the server messages of PROTOCOL.md sections 3 to 5. */
class WebSocketSubscriptionTest {
  private static final Instant T = Instant.parse("2026-01-01T12:00:00.000Z");
  @RegisterExtension
  static final ServerRig rig = new ServerRig(Map.of("PMA_DEMO_TICK_MS", "3600000",
        "PMA_WEBSOCKET_MAX_SUBSCRIPTIONS", "6",
        "PMA_WEBSOCKET_ANONYMOUS_TOPICS", "entity_updates:light.*"));

  private static WsTestClient user(String userId) {
    return as(userId, Set.of(Role.USER), null);
  }

  private static WsTestClient as(String userId, Set<Role> roles, List<String> topics) {
    WsTestClient client = WsTestClient.connect(rig.server().wsUrl());
    client.authenticate(TestTokens.token(rig.server(), userId, roles, Duration.ofMinutes(5), topics));
    return client;
  }

  private static void set(String id, String state, String attributesJson) {
    rig.server().server().registry().apply(EntityUpdate.of(EntityId.parse(id), state,
        (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.valueToTree(
            parse(attributesJson)), "test", null));
  }

  private static JsonNode parse(String json) {
    try {
      return Json.MAPPER.readTree(json);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void publish(io.pma.domain.PmaEvent event) {
    rig.server().server().broker().publish(event);
  }

  @Test
  @DisplayName("a batch applies the valid topics and reports each invalid one with its reason")
  void partialSuccess() {
    try (WsTestClient client = user("partial")) {
      client.send("{\"type\":\"subscribe\",\"request_id\":\"s1\",\"data\":{\"topics\":["
          + "\"entity_updates:light.kitchen\",\"bogus\",\"entity_updates:Not A Valid Id!\","
          + "\"system_events\"]}}");
      JsonNode success = client.next("subscription_success");
      assertThat(success.get("request_id").asText()).isEqualTo("s1");
      assertThat(success.get("data").toString()).isEqualTo("{\"topics\":"
          + "[\"entity_updates:light.kitchen\"],\"subscriptions\":[\"notifications\","
          + "\"entity_updates:light.kitchen\"]}");
      JsonNode failure = client.next("subscription_failure");
      assertThat(failure.get("request_id").asText()).isEqualTo("s1");
      assertThat(failure.get("data").toString()).isEqualTo("{\"error\":\"3 topics could not be"
          + " subscribed\",\"topics\":[{\"topic\":\"bogus\",\"reason\":\"unknown topic\"},"
          + "{\"topic\":\"entity_updates:Not A Valid Id!\",\"reason\":\"invalid filter\"},"
          + "{\"topic\":\"system_events\",\"reason\":\"forbidden\"}]}");
    }
  }

  @Test
  @DisplayName("anonymous connections get only the configured anonymous topics")
  void anonymousPolicy() {
    try (WsTestClient client = WsTestClient.connect(rig.server().wsUrl())) {
      client.send("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:light.kitchen\","
          + "\"entity_updates:sensor.x\",\"notifications\"]}}");
      assertThat(client.next("subscription_success").get("data").get("topics").toString())
          .isEqualTo("[\"entity_updates:light.kitchen\",\"notifications\"]");
      assertThat(client.next("subscription_failure").get("data").get("topics").toString())
          .isEqualTo("[{\"topic\":\"entity_updates:sensor.x\","
              + "\"reason\":\"authentication required\"}]");
    }
  }

  @Test
  @DisplayName("a token's topics claim narrows what it may subscribe to")
  void topicsClaim() {
    try (WsTestClient client = as("kiosk", Set.of(Role.USER), List.of("entity_updates:light.*"))) {
      client.send("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:light.hall\","
          + "\"entity_updates\"]}}");
      client.next("subscription_success");
      assertThat(client.next("subscription_failure").get("data").get("topics").toString())
          .isEqualTo("[{\"topic\":\"entity_updates\",\"reason\":\"forbidden\"}]");
    }
  }

  @Test
  @DisplayName("past max_subscriptions topics fail with 'too many subscriptions'")
  void tooMany() {
    try (WsTestClient client = user("many")) {
      client.send("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"ha_events:a\",\"ha_events:b\","
          + "\"ha_events:c\",\"ha_events:d\",\"ha_events:e\",\"ha_events:f\"]}}");
      assertThat(client.next("subscription_success").get("data").get("subscriptions").size())
          .isEqualTo(6);
      assertThat(client.next("subscription_failure").get("data").get("topics").toString())
          .isEqualTo("[{\"topic\":\"ha_events:f\",\"reason\":\"too many subscriptions\"}]");
    }
  }

  @Test
  @DisplayName("subscribing twice is a no-op; unsubscribe stops delivery")
  void duplicateAndUnsubscribe() {
    try (WsTestClient client = user("dup")) {
      client.subscribe("entity_updates:sensor.dup");
      client.send("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:sensor.dup\"]}}");
      JsonNode again = client.next("subscription_success");
      assertThat(again.get("data").get("subscriptions").toString())
          .isEqualTo("[\"notifications\",\"entity_updates:sensor.dup\"]");
      client.send("{\"type\":\"unsubscribe\",\"request_id\":7,\"data\":{\"topics\":"
          + "[\"entity_updates:sensor.dup\",\"ha_events\"]}}");
      JsonNode reply = client.next("unsubscription_success");
      assertThat(reply.get("request_id").asInt()).isEqualTo(7);
      assertThat(reply.get("data").toString()).isEqualTo(
          "{\"topics\":[\"entity_updates:sensor.dup\"],\"subscriptions\":[\"notifications\"]}");
      set("sensor.dup", "1", "{}");
      assertThat(client.untilMarker(rig.server().server().broker())).isEmpty();
    }
  }

  @Test
  @DisplayName("entity added, changed and removed arrive with topic and increasing seq")
  void entityEvents() {
    try (WsTestClient client = user("entities")) {
      client.send("{\"type\":\"subscribe_entity_updates\",\"data\":{\"entity_ids\":"
          + "[\"sensor.ws_a\"]}}");
      client.next("subscription_success");
      set("sensor.ws_a", "10", "{\"unit\":\"W\"}");
      set("sensor.ws_a", "11", "{\"unit\":\"W\"}");
      rig.server().server().registry().remove(EntityId.parse("sensor.ws_a"), "test");
      JsonNode added = client.next("pma_entity_added");
      assertThat(added.fieldNames()).toIterable()
          .containsExactly("type", "timestamp", "topic", "seq", "context", "data");
      assertThat(added.get("context").fieldNames()).toIterable()
          .containsExactly("id", "parent_id", "user_id");
      // Reported by an owner that named no cause: a context of its own, nobody behind it.
      assertThat(added.get("context").get("id").asText()).hasSize(26);
      assertThat(added.get("context").get("parent_id").isNull()).isTrue();
      assertThat(added.get("context").get("user_id").isNull()).isTrue();
      assertThat(added.get("topic").asText()).isEqualTo("entity_updates:sensor.ws_a");
      assertThat(added.get("data").get("entity_id").asText()).isEqualTo("sensor.ws_a");
      assertThat(added.get("data").get("entity").get("state").asText()).isEqualTo("10");
      JsonNode changed = client.next("pma_entity_state_changed");
      JsonNode data = changed.get("data");
      assertThat(data.fieldNames()).toIterable().containsExactly("entity_id", "old_state",
          "new_state", "attributes", "source", "last_changed", "last_updated");
      assertThat(data.get("old_state").asText()).isEqualTo("10");
      assertThat(data.get("new_state").asText()).isEqualTo("11");
      assertThat(data.get("attributes").toString()).isEqualTo("{\"unit\":\"W\"}");
      JsonNode removed = client.next("pma_entity_removed");
      assertThat(removed.get("data").toString())
          .isEqualTo("{\"entity_id\":\"sensor.ws_a\",\"source\":\"test\"}");
      assertThat(changed.get("seq").asLong()).isGreaterThan(added.get("seq").asLong());
      assertThat(removed.get("seq").asLong()).isGreaterThan(changed.get("seq").asLong());
    }
  }

  @Test
  @DisplayName("overlapping subscriptions deliver each event once, through the exact topic")
  void overlappingOnce() {
    try (WsTestClient client = user("overlap")) {
      client.subscribe("entity_updates", "entity_updates:sensor.*", "entity_updates:sensor.ws_b");
      set("sensor.ws_b", "on", "{\"a\":1}");
      List<JsonNode> received = client.untilMarker(rig.server().server().broker());
      assertThat(received).hasSize(1);
      assertThat(received.get(0).get("topic").asText()).isEqualTo("entity_updates:sensor.ws_b");
      set("sensor.ws_b2", "on", "{}");
      received = client.untilMarker(rig.server().server().broker());
      assertThat(received).hasSize(1);
      assertThat(received.get(0).get("topic").asText()).isEqualTo("entity_updates");
    }
  }

  @Test
  @DisplayName("include_attributes:false omits attributes unless another match wants them")
  void withoutAttributes() {
    try (WsTestClient bare = user("bare"); WsTestClient both = user("both")) {
      bare.send("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:sensor.ws_c\"],"
          + "\"include_attributes\":false}}");
      bare.next("subscription_success");
      both.send("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:sensor.ws_c\"],"
          + "\"include_attributes\":false}}");
      both.next("subscription_success");
      both.subscribe("entity_updates:sensor.*");
      set("sensor.ws_c", "1", "{\"big\":\"x\"}");
      set("sensor.ws_c", "2", "{\"big\":\"y\"}");
      JsonNode added = bare.next("pma_entity_added");
      assertThat(added.get("data").get("entity").has("attributes")).isFalse();
      JsonNode changed = bare.next("pma_entity_state_changed");
      assertThat(changed.get("data").has("attributes")).isFalse();
      assertThat(changed.get("data").get("new_state").asText()).isEqualTo("2");
      both.next("pma_entity_added");
      assertThat(both.next("pma_entity_state_changed").get("data").get("attributes").toString())
          .isEqualTo("{\"big\":\"y\"}");
    }
  }

  @Test
  @DisplayName("a glob matches its entities only")
  void glob() {
    try (WsTestClient client = user("glob")) {
      client.subscribe("entity_updates:switch.ws_*");
      set("sensor.ws_nomatch", "1", "{}");
      set("switch.ws_match", "on", "{}");
      List<JsonNode> received = client.untilMarker(rig.server().server().broker());
      assertThat(received).extracting(m -> m.get("data").get("entity_id").asText())
          .containsExactly("switch.ws_match");
      assertThat(received.get(0).get("topic").asText()).isEqualTo("entity_updates:switch.ws_*");
    }
  }

  @Test
  @DisplayName("subscribe_ha_events keeps only events of the listed types and domains")
  void haEventsWithDomains() {
    try (WsTestClient client = user("ha")) {
      client.send("{\"type\":\"subscribe_ha_events\",\"data\":{\"event_types\":[\"state_changed\"],"
          + "\"domains\":[\"light\"]}}");
      assertThat(client.next("subscription_success").get("data").get("topics").toString())
          .isEqualTo("[\"ha_events:state_changed\"]");
      publish(new HaEvent("state_changed", Json.object().put("entity_id", "sensor.x"), "LOCAL", T,
          "ha1"));
      publish(new HaEvent("call_service", Json.object().put("entity_id", "light.x"), "LOCAL", T,
          "ha1"));
      publish(new HaEvent("state_changed", Json.object().put("entity_id", "light.x"), "LOCAL", T,
          "ha1"));
      List<JsonNode> received = client.untilMarker(rig.server().server().broker());
      assertThat(received).hasSize(1);
      JsonNode event = received.get(0);
      assertThat(event.get("type").asText()).isEqualTo("ha_event");
      assertThat(event.get("topic").asText()).isEqualTo("ha_events:state_changed");
      assertThat(event.get("data").toString()).isEqualTo("{\"event_type\":\"state_changed\","
          + "\"data\":{\"entity_id\":\"light.x\"},\"origin\":\"LOCAL\","
          + "\"time_fired\":\"2026-01-01T12:00:00.000Z\",\"adapter_id\":\"ha1\"}");
    }
  }

  @Test
  @DisplayName("system_events are for admins, filtered by event name")
  void systemEvents() {
    try (WsTestClient admin = as("root", Set.of(Role.ADMIN), null)) {
      admin.send("{\"type\":\"subscribe_system_events\",\"data\":{\"events\":[\"adapter_status\"]}}");
      assertThat(admin.next("subscription_success").get("data").get("topics").toString())
          .isEqualTo("[\"system_events:adapter_status\"]");
      publish(new PerformanceAlert("cpu", 99, 90, "warning", "hot"));
      publish(new AdapterStatus("x1", "demo", "X", AdapterState.CONNECTED, true, 3, null, T, T, 0));
      List<JsonNode> received = admin.untilMarker(rig.server().server().broker());
      assertThat(received).extracting(m -> m.get("type").asText())
          .containsExactly("pma_adapter_status");
      assertThat(received.get(0).get("topic").asText()).isEqualTo("system_events:adapter_status");
      assertThat(received.get(0).get("data").get("adapter_id").asText()).isEqualTo("x1");
    }
  }

  @Test
  @DisplayName("automation_events deliver automation_triggered for matching ids")
  void automationEvents() {
    try (WsTestClient client = user("auto")) {
      client.subscribe("automation_events:evening_*");
      publish(new AutomationTriggered("morning", "M", "e0", Json.object(), T));
      publish(new AutomationTriggered("evening_lights", "E", "e1",
          Json.object().put("platform", "time"), T));
      List<JsonNode> received = client.untilMarker(rig.server().server().broker());
      assertThat(received).hasSize(1);
      assertThat(received.get(0).get("data").toString()).isEqualTo("{\"automation_id\":"
          + "\"evening_lights\",\"name\":\"E\",\"execution_id\":\"e1\",\"trigger\":"
          + "{\"platform\":\"time\"},\"triggered_at\":\"2026-01-01T12:00:00.000Z\"}");
    }
  }

  @Test
  @DisplayName("notifications reach every connection; one with user_id only that user's")
  void notifications() {
    try (WsTestClient anonymous = WsTestClient.connect(rig.server().wsUrl());
        WsTestClient alice = user("alice"); WsTestClient bob = user("bob")) {
      publish(new Notification("n1", "Hi", "all", "info", "test", null, T));
      String aliceId = TestTokens.userId(rig.server(), "alice");
      publish(new Notification("n2", "Psst", "alice only", "warning", "test", aliceId, T));
      assertThat(anonymous.untilMarker(rig.server().server().broker())).extracting(m -> m.get("data").get("id").asText())
          .containsExactly("n1");
      assertThat(bob.untilMarker(rig.server().server().broker())).extracting(m -> m.get("data").get("id").asText())
          .containsExactly("n1");
      List<JsonNode> toAlice = alice.untilMarker(rig.server().server().broker());
      assertThat(toAlice).extracting(m -> m.get("data").get("id").asText())
          .containsExactly("n1", "n2");
      assertThat(toAlice.get(1).get("topic").asText()).isEqualTo("notifications");
      assertThat(toAlice.get(1).get("data").toString()).isEqualTo("{\"id\":\"n2\",\"title\":"
          + "\"Psst\",\"message\":\"alice only\",\"level\":\"warning\",\"source\":\"test\","
          + "\"user_id\":\"" + aliceId + "\",\"created_at\":\"2026-01-01T12:00:00.000Z\"}");
    }
  }

  @Test
  @DisplayName("subscribing to system_status sends the current one at once, then new ones")
  void systemStatus() {
    publish(status("healthy"));
    try (WsTestClient client = user("status")) {
      client.subscribe("system_status");
      JsonNode current = client.next("system_status");
      assertThat(current.get("topic").asText()).isEqualTo("system_status");
      assertThat(current.get("data").get("status").asText()).isEqualTo("healthy");
      publish(status("degraded"));
      assertThat(client.untilMarker(rig.server().server().broker())).extracting(m -> m.get("data").get("status").asText())
          .containsExactly("degraded");
    }
  }

  private static SystemStatus status(String health) {
    return new SystemStatus(health, "test", 1, new SystemStatus.Cpu(0, 0, 1),
        new SystemStatus.Memory(0, 0, 0, 0, 0), new SystemStatus.Websocket(0, 0),
        new SystemStatus.Entities(0), Map.of(), new SystemStatus.Database("ok", null, 0));
  }
}
