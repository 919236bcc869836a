package io.pma.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.ServerRig;
import io.pma.TestServer;
import io.pma.WsTestClient;
import io.pma.domain.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The context of events on the socket (PROTOCOL.md section 9): REST calls, actions, automations. */
class EventContextTest {
  @RegisterExtension
  static final ServerRig rig = new ServerRig(ServerRig.STILL_DEMO);
  private static String adminId;

  @BeforeAll
  static void start() {
    try (WsTestClient client = WsTestClient.connect(rig.server())) {
      client.send(Json.object().put("type", "authenticate")
          .set("data", Json.object().put("token", rig.admin())).toString());
      adminId = client.first("authentication_success").get("data").get("user_id").asText();
    }
  }

  private static TestServer.Response call(String method, String path, String body) {
    return rig.server().request(method, path, rig.admin(), body);
  }

  private static WsTestClient socket(String... topics) {
    return WsTestClient.connect(rig.server()).authenticate(rig.admin()).subscribe(topics);
  }

  @Test
  @DisplayName("a REST call's changes carry its context: a new id, no parent, the caller as user; the entity keeps the id")
  void restCall() {
    try (WsTestClient client = socket("entity_updates:sensor.ctx_rest")) {
      assertThat(call("PUT", "/api/v1/entities/sensor.ctx_rest/state", "{\"state\":\"1\"}")
          .status()).isEqualTo(201);
      assertThat(call("PUT", "/api/v1/entities/sensor.ctx_rest/state", "{\"state\":\"2\"}")
          .status()).isEqualTo(200);
      JsonNode added = client.first("pma_entity_added").get("context");
      JsonNode changed = client.first("pma_entity_state_changed").get("context");
      assertThat(added.get("id").asText()).matches("[0-9A-HJKMNP-TV-Z]{26}");
      assertThat(added.get("parent_id").isNull()).isTrue();
      assertThat(added.get("user_id").asText()).isEqualTo(adminId);
      assertThat(changed.get("user_id").asText()).isEqualTo(adminId);
      assertThat(changed.get("id").asText()).isNotEqualTo(added.get("id").asText());
      assertThat(call("GET", "/api/v1/entities/sensor.ctx_rest", null).json().get("context_id")
          .asText()).isEqualTo(changed.get("id").asText());
      assertThat(call("DELETE", "/api/v1/entities/sensor.ctx_rest", null).status()).isEqualTo(204);
      assertThat(client.first("pma_entity_removed").get("context").get("user_id").asText())
          .isEqualTo(adminId);
    }
  }

  @Test
  @DisplayName("the change a device reports in answer to a REST action carries the action's context")
  void actionAnswer() {
    try (WsTestClient client = socket("entity_updates:switch.tv")) {
      assertThat(call("POST", "/api/v1/entities/switch.tv/action", "{\"action\":\"toggle\"}")
          .status()).isEqualTo(202);
      JsonNode context = client.first("pma_entity_state_changed").get("context");
      assertThat(context.get("user_id").asText()).isEqualTo(adminId);
      assertThat(context.get("parent_id").isNull()).isTrue();
      assertThat(call("GET", "/api/v1/entities/switch.tv", null).json().get("context_id")
          .asText()).isEqualTo(context.get("id").asText());
    }
  }

  @Test
  @DisplayName("an automation run's context has the trigger's as parent, and what the run does carries the run's")
  void automationRun() {
    assertThat(call("POST", "/api/v1/automations", "{\"id\":\"ctx_rule\",\"name\":\"Coffee on"
        + " motion\",\"triggers\":[{\"type\":\"state\",\"entity_id\":\"sensor.ctx_motion\","
        + "\"to\":\"on\"}],\"actions\":[{\"type\":\"entity_action\",\"entity_id\":"
        + "\"switch.coffee_maker\",\"action\":\"toggle\"},{\"type\":\"notify\",\"message\":"
        + "\"coffee\"}]}").status()).isEqualTo(201);
    call("PUT", "/api/v1/entities/sensor.ctx_motion/state", "{\"state\":\"off\"}");
    try (WsTestClient client = socket("entity_updates:sensor.ctx_motion",
        "entity_updates:switch.coffee_maker", "automation_events:ctx_rule", "notifications")) {
      call("PUT", "/api/v1/entities/sensor.ctx_motion/state", "{\"state\":\"on\"}");
      JsonNode motion = client.first("pma_entity_state_changed").get("context");
      JsonNode run = client.first("automation_triggered").get("context");
      JsonNode coffee = client.first("pma_entity_state_changed").get("context");
      JsonNode notification = client.first("notification").get("context");
      assertThat(motion.get("user_id").asText()).isEqualTo(adminId);
      assertThat(run.get("parent_id").asText()).isEqualTo(motion.get("id").asText());
      assertThat(run.get("user_id").isNull()).isTrue();
      assertThat(run.get("id").asText()).isNotEqualTo(motion.get("id").asText());
      assertThat(coffee).isEqualTo(run);
      assertThat(notification).isEqualTo(run);
    } finally {
      call("DELETE", "/api/v1/automations/ctx_rule", null);
    }
  }
}
