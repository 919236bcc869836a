package io.pma.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.Await;
import io.pma.TestServer;
import io.pma.domain.Json;
import io.pma.domain.SyncStatus;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** A real PMA server configured with {@code PMA_MQTT_URL}, a real broker, a zigbee2mqtt-like bridge. */
class MqttEndToEndTest {
  @RegisterExtension
  final BridgedBroker mqtt = new BridgedBroker();
  private TestServer server;
  private String token;

  @BeforeEach
  void start() {
    server = TestServer.start(Map.of("PMA_MQTT_URL", mqtt.mosquitto().url(),
        "PMA_MQTT_DISCOVERY_SETTLE_MS", "100", "PMA_MQTT_RECONNECT_INITIAL_MS", "50"));
    token = server.adminToken();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  /**
   * Discovery creates the entities before their retained states arrive (state topics are
   * subscribed after the configs), so wait for both.
   */
  private void awaitRetainedStates() {
    Await.until("10 MQTT entities with their retained states",
        () -> get("/api/v1/entities?source=mqtt").size() == 10
            && "on".equals(get("/api/v1/entities/light.living_room_lamp").path("state").asText())
            && "21.37".equals(get("/api/v1/entities/sensor.bedroom_sensor_temperature")
                .path("state").asText()));
  }

  /** Waits until the discovery pass the adapter's connect started has ended. */
  private void awaitFirstDiscoveryPass() {
    Await.until("the first discovery pass to end", () -> server.server().broker().history(0)
        .join().events().stream()
        .anyMatch(p -> p.event() instanceof SyncStatus status && status.adapterId().equals("mqtt")
            && !SyncStatus.SYNCING.equals(status.status())));
  }

  private JsonNode get(String path) {
    TestServer.Response response = server.request("GET", path, token, null);
    assertThat(response.status()).as(path).isEqualTo(200);
    return response.json();
  }

  @Test
  @DisplayName("configured by environment: MQTT entities over REST, actions publish commands")
  void restToDevice() {
    awaitRetainedStates();
    JsonNode lamp = get("/api/v1/entities/light.living_room_lamp");
    assertThat(lamp.get("state").asText()).isEqualTo("on");
    assertThat(lamp.get("adapter_id").asText()).isEqualTo("mqtt");
    assertThat(lamp.get("available").asBoolean()).isTrue();
    // The demo devices stay off when an MQTT broker is configured.
    assertThat(get("/api/v1/entities").size()).isEqualTo(10);
    JsonNode adapter = get("/api/v1/adapters/mqtt");
    assertThat(adapter.get("status").asText()).isEqualTo("connected");
    assertThat(adapter.get("adapter_type").asText()).isEqualTo("mqtt");
    assertThat(adapter.get("entity_count").asInt()).isEqualTo(10);

    mqtt.bridge().subscribe("zigbee2mqtt/+/set");
    TestServer.Response accepted = server.request("POST",
        "/api/v1/entities/light.living_room_lamp/action", token,
        "{\"action\":\"turn_on\",\"parameters\":{\"brightness\":64}}");
    assertThat(accepted.status()).isEqualTo(202);
    assertThat(mqtt.bridge().next("zigbee2mqtt/Living Room Lamp/set").payload())
        .isEqualTo("{\"state\":\"ON\",\"brightness\":64}");

    TestServer.Response refused = server.request("POST",
        "/api/v1/entities/sensor.bedroom_sensor_temperature/action", token,
        "{\"action\":\"turn_on\"}");
    assertThat(refused.status()).isEqualTo(422);
    assertThat(refused.contentType()).startsWith("application/problem+json");

    mqtt.bridge().publish("zigbee2mqtt/Living Room Lamp", "{\"brightness\":64,\"state\":\"ON\"}", false);
    Await.until("brightness reported back", () -> get("/api/v1/entities/light.living_room_lamp")
        .path("attributes").path("brightness").asInt() == 64);

    // A sync while the connection's own discovery pass still settles joins it and answers with
    // what that pass added; on a busy machine its settle timer may not have fired yet.
    awaitFirstDiscoveryPass();
    JsonNode sync = Json.MAPPER.valueToTree(server.request("POST", "/api/v1/adapters/mqtt/sync",
        token, null).json());
    assertThat(sync.get("status").asText()).isEqualTo("completed");
    assertThat(sync.get("entities_found").asInt()).isEqualTo(10);
    assertThat(sync.get("entities_added").asInt()).isZero();
  }

  @Test
  @DisplayName("a retained config over max_message_bytes: dropped, counted in /metrics, still connected")
  void oversizedRetainedConfig() {
    awaitRetainedStates();
    awaitFirstDiscoveryPass();
    mqtt.bridge().publish("homeassistant/sensor/huge/blob/config", "{\"name\":\"Huge\",\"pad\":\""
        + "a".repeat(300 * 1024) + "\"}", true);
    for (int i = 0; i < 3; i++) {
      JsonNode sync = server.request("POST", "/api/v1/adapters/mqtt/sync", token, null).json();
      assertThat(sync.get("status").asText()).isEqualTo("completed");
      assertThat(sync.get("entities_found").asInt()).isEqualTo(10);
    }
    assertThat(get("/api/v1/adapters/mqtt").get("status").asText()).isEqualTo("connected");
    TestServer.Response metrics = server.request("GET", "/metrics", token, null);
    assertThat(metrics.status()).isEqualTo(200);
    // The live publish plus one retained copy per sync.
    assertThat(metrics.body()).containsPattern(
        "(?m)^pma_mqtt_messages_dropped_total\\{adapter=\"mqtt\",reason=\"oversized\"\\} 4\\.0$");
  }

  @Test
  @DisplayName("a PMA restart keeps ids and states: the retained replay adds nothing")
  void restart() {
    Await.until("10 MQTT entities", () -> get("/api/v1/entities?source=mqtt").size() == 10);
    mqtt.bridge().publish("zigbee2mqtt/Coffee Machine", "{\"state\":\"ON\"}", true);
    Await.until("plug on", () -> get("/api/v1/entities/switch.coffee_machine").path("state")
        .asText().equals("on"));
    String before = get("/api/v1/entities/switch.coffee_machine").path("last_changed").asText();

    server.restart();
    token = server.adminToken();
    Await.until("adapter connected again", () -> get("/api/v1/adapters/mqtt").path("status")
        .asText().equals("connected"));
    JsonNode sync = server.request("POST", "/api/v1/adapters/mqtt/sync", token, null).json();
    assertThat(sync.get("entities_found").asInt()).isEqualTo(10);
    assertThat(sync.get("entities_added").asInt()).isZero();
    JsonNode plug = get("/api/v1/entities/switch.coffee_machine");
    assertThat(plug.get("state").asText()).isEqualTo("on");
    assertThat(plug.get("last_changed").asText()).isEqualTo(before);
    assertThat(get("/api/v1/entities").size()).isEqualTo(10);
  }

  @Test
  @DisplayName("a device's new state reaches /ws subscribers as pma_entity_state_changed from mqtt")
  void deviceToWebSocket() throws Exception {
    awaitRetainedStates();
    BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();
    WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
        .buildAsync(URI.create(server.wsUrl() + "?token=" + token), collector(frames))
        .get(10, TimeUnit.SECONDS);
    try {
      socket.sendText("{\"type\":\"subscribe\",\"data\":{\"topics\":["
          + "\"entity_updates:sensor.bedroom_sensor_temperature\",\"system_events:sync_status\"]}}",
          true).get(10, TimeUnit.SECONDS);
      next(frames, "subscription_success");

      long published = System.nanoTime();
      mqtt.bridge().publish("zigbee2mqtt/Bedroom Sensor", "{\"battery\":96,\"humidity\":47.9,"
          + "\"linkquality\":84,\"temperature\":22.75,\"voltage\":3001}", false);
      JsonNode changed = next(frames, "pma_entity_state_changed");
      long micros = TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - published);
      LoggerFactory.getLogger(MqttEndToEndTest.class).info(
          "device publish -> /ws frame: {} µs (informational, not asserted)", micros);
      assertThat(changed.get("topic").asText())
          .isEqualTo("entity_updates:sensor.bedroom_sensor_temperature");
      assertThat(changed.get("seq").asLong()).isPositive();
      JsonNode data = changed.get("data");
      assertThat(data.get("entity_id").asText()).isEqualTo("sensor.bedroom_sensor_temperature");
      assertThat(data.get("old_state").asText()).isEqualTo("21.37");
      assertThat(data.get("new_state").asText()).isEqualTo("22.75");
      assertThat(data.get("source").asText()).isEqualTo("mqtt");
      assertThat(data.get("attributes").get("unit_of_measurement").asText()).isEqualTo("°C");
      assertThat(data.get("attributes").get("device_class").asText()).isEqualTo("temperature");

      server.request("POST", "/api/v1/adapters/mqtt/sync", token, null);
      // A sync requested while the connection's discovery pass still settles joins that pass:
      // then only its end is published, without a new "syncing".
      JsonNode completed = next(frames, "pma_sync_status");
      if ("syncing".equals(completed.get("data").get("status").asText())) {
        completed = next(frames, "pma_sync_status");
      }
      assertThat(completed.get("data").get("status").asText()).isEqualTo("completed");
      assertThat(completed.get("data").get("adapter_id").asText()).isEqualTo("mqtt");
      assertThat(completed.get("data").get("entities_found").asInt()).isEqualTo(10);
    } finally {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
    }
  }

  private static JsonNode next(BlockingQueue<JsonNode> frames, String type) {
    return Await.take(type + " frame", frames, Duration.ofSeconds(10),
        frame -> frame.path("type").asText().equals(type), skipped -> {});
  }

  /** Collects each complete text message as JSON. */
  private static WebSocket.Listener collector(BlockingQueue<JsonNode> frames) {
    return new WebSocket.Listener() {
      private final StringBuilder partial = new StringBuilder();

      @Override
      public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
          try {
            frames.add(Json.MAPPER.readTree(partial.toString()));
          } catch (java.io.IOException e) {
            throw new IllegalStateException("frame is not JSON: " + partial, e);
          }
          partial.setLength(0);
        }
        socket.request(1);
        return null;
      }
    };
  }
}
