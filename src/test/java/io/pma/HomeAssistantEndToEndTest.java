package io.pma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.TestServer.Response;
import io.pma.adapter.homeassistant.FakeHomeAssistant;
import io.pma.bus.Published;
import io.pma.domain.AdapterState;
import io.pma.domain.AdapterStatus;
import io.pma.domain.Json;
import io.pma.domain.SyncStatus;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * PMA as shipped, configured only through the environment, pointed at a fake Home Assistant that
 * speaks HA's WebSocket API: mirror, REST actions, resync, and healing after HA drops everything.
 */
class HomeAssistantEndToEndTest {
  private static final String HA_TOKEN = "e2e-long-lived-token";
  private final Vertx haVertx = Vertx.vertx();
  private final FakeHomeAssistant ha = FakeHomeAssistant.start(haVertx, HA_TOKEN);
  private final List<Published> published = new CopyOnWriteArrayList<>();
  private TestServer server;
  private String token;

  @BeforeEach
  void start() {
    ha.setState("light.living_room", "off", json("{\"friendly_name\":\"Living room\"}"));
    ha.setState("sensor.outside_temperature", "4.5", json("{\"unit_of_measurement\":\"°C\"}"));
    server = TestServer.start(Map.of("PMA_HA_URL", ha.url(), "PMA_HA_TOKEN", HA_TOKEN,
        "PMA_DEMO_ENABLED", "auto"));
    server.server().broker().subscribe(published::add);
    token = server.adminToken();
    await(() -> adapter().get("status").asText().equals("connected")
        && adapter().get("entity_count").asInt() == 2, "adapter connected with 2 entities");
  }

  @AfterEach
  void stop() {
    server.close();
    ha.close();
    haVertx.close();
  }

  private static ObjectNode json(String text) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private Response call(String method, String path, String body) {
    return server.request(method, path, token, body);
  }

  private JsonNode adapter() {
    return call("GET", "/api/v1/adapters/homeassistant", null).json();
  }

  private static void await(BooleanSupplier condition, String what) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Test
  @DisplayName("HA's entities are served by the REST API under HA's own ids, without demo devices")
  void mirrorsEntities() {
    JsonNode entities = call("GET", "/api/v1/entities", null).json();
    assertThat(entities).extracting(e -> e.get("entity_id").asText())
        .containsExactlyInAnyOrder("light.living_room", "sensor.outside_temperature");
    JsonNode light = call("GET", "/api/v1/entities/light.living_room", null).json();
    assertThat(light.get("name").asText()).isEqualTo("Living room");
    assertThat(light.get("state").asText()).isEqualTo("off");
    assertThat(light.get("source").asText()).isEqualTo("homeassistant");
    assertThat(light.get("adapter_id").asText()).isEqualTo("homeassistant");
    assertThat(light.get("attributes")).isEqualTo(json("{\"friendly_name\":\"Living room\"}"));
    JsonNode status = adapter();
    assertThat(status.get("adapter_type").asText()).isEqualTo("homeassistant");
    assertThat(status.get("healthy").asBoolean()).isTrue();
  }

  @Test
  @DisplayName("a REST action reaches HA as call_service; the state comes back through state_changed")
  void restActionReachesCallService() {
    Response accepted = call("POST", "/api/v1/entities/light.living_room/action",
        "{\"action\":\"set_brightness\",\"parameters\":{\"brightness\":77}}");
    assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
    ObjectNode sent = ha.commands("call_service").get(0);
    sent.remove("id");
    assertThat(sent).isEqualTo(json("{\"type\":\"call_service\",\"domain\":\"light\","
        + "\"service\":\"turn_on\",\"service_data\":{\"brightness\":77},"
        + "\"target\":{\"entity_id\":\"light.living_room\"}}"));
    await(() -> call("GET", "/api/v1/entities/light.living_room", null).json().get("state")
        .asText().equals("on"), "light on");
    assertThat(call("GET", "/api/v1/entities/light.living_room", null).json().get("attributes")
        .get("brightness").asInt()).isEqualTo(77);

    ha.failService("light", "turn_off", "home_assistant_error", "Bulb unreachable");
    Response refused = call("POST", "/api/v1/entities/light.living_room/action",
        "{\"action\":\"turn_off\"}");
    assertThat(refused.status()).isEqualTo(502);
    assertThat(refused.contentType()).isEqualTo("application/problem+json");
    assertThat(refused.json().get("detail").asText()).isEqualTo("Home Assistant refused"
        + " light.turn_off on light.living_room: Bulb unreachable (home_assistant_error)");
    Response unsupported = call("POST", "/api/v1/entities/sensor.outside_temperature/action",
        "{\"action\":\"turn_on\"}");
    assertThat(unsupported.status()).isEqualTo(422);
  }

  @Test
  @DisplayName("POST /api/v1/adapters/homeassistant/sync resyncs and answers with the sync status")
  void manualSync() {
    ha.removeState("sensor.outside_temperature");
    ha.setState("switch.fountain", "on", null);
    Response r = call("POST", "/api/v1/adapters/homeassistant/sync", null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    JsonNode status = r.json();
    assertThat(status.get("status").asText()).isEqualTo("completed");
    assertThat(status.get("source").asText()).isEqualTo("homeassistant");
    assertThat(status.get("entities_found").asInt()).isEqualTo(2);
    assertThat(call("GET", "/api/v1/entities/switch.fountain", null).status()).isEqualTo(200);
    assertThat(call("GET", "/api/v1/entities/sensor.outside_temperature", null).status())
        .isEqualTo(404);
  }

  @Test
  @DisplayName("after HA drops every connection PMA reconnects, resyncs and reports it, no restart")
  void healsAfterDrop() {
    int syncsBefore = syncs(SyncStatus.COMPLETED);
    ha.dropAllConnections();
    ha.setState("light.living_room", "on", null); // changed while PMA was away

    await(() -> syncs(SyncStatus.COMPLETED) > syncsBefore, "resync");
    await(() -> adapter().get("status").asText().equals("connected"), "connected again");
    assertThat(call("GET", "/api/v1/entities/light.living_room", null).json().get("state").asText())
        .isEqualTo("on");
    List<AdapterState> trail = published.stream().map(Published::event)
        .filter(AdapterStatus.class::isInstance).map(e -> ((AdapterStatus) e).status()).toList();
    assertThat(trail).containsSubsequence(AdapterState.DISCONNECTED, AdapterState.CONNECTING,
        AdapterState.CONNECTED);
    JsonNode health = call("GET", "/health", null).json();
    assertThat(health.get("checks").get("adapters").get("homeassistant").get("status").asText())
        .isEqualTo("connected");
  }

  private int syncs(String status) {
    return (int) published.stream().map(Published::event).filter(SyncStatus.class::isInstance)
        .filter(e -> status.equals(((SyncStatus) e).status())).count();
  }
}
