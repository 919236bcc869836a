package io.pma.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.Await;
import io.pma.ManualTime;
import io.pma.TestServer;
import io.pma.WsTestClient;
import io.pma.domain.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A device that answers an action later, on its own: what it reports within 5 s after PMA sent the
 * action carries the action's context (PROTOCOL.md section 9), what it reports after that a fresh
 * one. Real Mosquitto, a zigbee2mqtt-like bridge, the server's clock moved by the test.
 */
class MqttActionContextTest {
  @RegisterExtension
  final BridgedBroker mqtt = new BridgedBroker();
  private static final String LAMP = "light.living_room_lamp";
  private static final String LAMP_TOPIC = "zigbee2mqtt/Living Room Lamp";

  private final ManualTime time = new ManualTime(Instant.parse("2026-03-02T06:00:00Z"));
  private TestServer server;

  @BeforeEach
  void start() {
    server = TestServer.start(Map.of("PMA_MQTT_URL", mqtt.mosquitto().url(),
        "PMA_MQTT_DISCOVERY_SETTLE_MS", "100"), time);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  @DisplayName("a device's report within 5 s after an action carries the action's context; after 5 s a fresh one")
  void reportAfterAction() {
    String token = server.adminToken();
    Await.until("the lamp with its retained state", () -> "on".equals(server.request("GET",
        "/api/v1/entities/" + LAMP, token, null).json().path("state").asText()));
    mqtt.bridge().subscribe("zigbee2mqtt/+/set");
    try (WsTestClient client = WsTestClient.connect(server)) {
      client.send(Json.object().put("type", "authenticate")
          .set("data", Json.object().put("token", token)).toString());
      String adminId = client.first("authentication_success").get("data").get("user_id").asText();
      client.subscribe("entity_updates:" + LAMP);

      assertThat(server.request("POST", "/api/v1/entities/" + LAMP + "/action", token,
          "{\"action\":\"turn_off\"}").status()).isEqualTo(202);
      mqtt.bridge().next(LAMP_TOPIC + "/set");
      time.advance(Duration.ofSeconds(2));
      mqtt.bridge().publish(LAMP_TOPIC, "{\"state\":\"OFF\",\"brightness\":1}", false);
      JsonNode answer = client.first("pma_entity_state_changed").get("context");
      assertThat(answer.get("user_id").asText()).isEqualTo(adminId);
      assertThat(answer.get("parent_id").isNull()).isTrue();

      time.advance(Duration.ofSeconds(3));
      mqtt.bridge().publish(LAMP_TOPIC, "{\"state\":\"OFF\",\"brightness\":2}", false);
      assertThat(client.first("pma_entity_state_changed").get("context")).isEqualTo(answer);

      time.advance(Duration.ofMillis(1));
      mqtt.bridge().publish(LAMP_TOPIC, "{\"state\":\"ON\",\"brightness\":3}", false);
      JsonNode later = client.first("pma_entity_state_changed").get("context");
      assertThat(later.get("id").asText()).hasSize(26).isNotEqualTo(answer.get("id").asText());
      assertThat(later.get("user_id").isNull()).isTrue();
      assertThat(later.get("parent_id").isNull()).isTrue();
      assertThat(server.request("GET", "/api/v1/entities/" + LAMP, token, null).json()
          .get("context_id").asText()).isEqualTo(later.get("id").asText());
    }
  }
}
