package io.pma;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.Await;
import io.pma.TestServer.Response;
import io.pma.adapter.homeassistant.FakeHomeAssistant;
import io.pma.bus.Published;
import io.pma.domain.AdapterState;
import io.pma.domain.AdapterStatus;
import io.pma.domain.Json;
import io.pma.domain.SyncStatus;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * PMA as shipped, configured only through the environment, pointed at a fake Home Assistant that
 * speaks HA's WebSocket API: mirror, REST actions, /ws delivery, resync, and healing after HA drops
 * every connection.
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
    Await.until("adapter connected with 2 entities", () -> adapter().get("status").asText().equals("connected")
        && adapter().get("entity_count").asInt() == 2);
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
    Await.until("light on", () -> call("GET", "/api/v1/entities/light.living_room", null).json().get("state")
        .asText().equals("on"));
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

    Await.until("resync", () -> syncs(SyncStatus.COMPLETED) > syncsBefore);
    Await.until("connected again", () -> adapter().get("status").asText().equals("connected"));
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

  @Test
  @DisplayName("a /ws subscriber gets HA's changes as pma_entity_state_changed and ha_event, and the heal")
  void webSocketSubscriber() throws Exception {
    try (WsProbe ws = WsProbe.connect(haVertx, server.wsUrl())) {
      ws.next(m -> m.path("type").asText().equals("welcome"), "welcome");
      ws.send("{\"type\":\"authenticate\",\"data\":{\"token\":\"" + token + "\"}}");
      ws.next(m -> m.path("type").asText().equals("authentication_success"), "authenticated");
      ws.send("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates\","
          + "\"ha_events\",\"system_events\"]}}");
      ws.next(m -> m.path("type").asText().equals("subscription_success"), "subscribed");

      ha.setState("light.living_room", "on", json("{\"brightness\":10}"));
      JsonNode changed = ws.next(m -> m.path("type").asText().equals("pma_entity_state_changed"),
          "pma_entity_state_changed");
      assertThat(changed.get("topic").asText()).isEqualTo("entity_updates"); // the subscription
      assertThat(changed.get("data").get("entity_id").asText()).isEqualTo("light.living_room");
      assertThat(changed.get("data").get("source").asText()).isEqualTo("homeassistant");
      assertThat(changed.get("data").get("old_state").asText()).isEqualTo("off");
      assertThat(changed.get("data").get("new_state").asText()).isEqualTo("on");
      assertThat(changed.get("data").get("attributes")).isEqualTo(json("{\"brightness\":10}"));
      JsonNode relayed = ws.next(m -> m.path("type").asText().equals("ha_event"), "ha_event");
      assertThat(relayed.get("topic").asText()).isEqualTo("ha_events");
      assertThat(relayed.get("data").get("event_type").asText()).isEqualTo("state_changed");
      assertThat(relayed.get("data").get("adapter_id").asText()).isEqualTo("homeassistant");
      assertThat(relayed.get("data").get("data").get("new_state").get("state").asText())
          .isEqualTo("on");

      ha.fire("doorbell_pressed", json("{\"entity_id\":\"binary_sensor.door\"}"));
      JsonNode custom = ws.next(m -> m.path("type").asText().equals("ha_event")
          && m.get("data").get("event_type").asText().equals("doorbell_pressed"), "doorbell ha_event");
      assertThat(custom.get("data").get("data")).isEqualTo(json("{\"entity_id\":\"binary_sensor.door\"}"));
      assertThat(custom.get("data").get("origin").asText()).isEqualTo("LOCAL");

      Response accepted = call("POST", "/api/v1/entities/light.living_room/action",
          "{\"action\":\"turn_off\"}");
      assertThat(accepted.status()).isEqualTo(202);
      JsonNode off = ws.next(m -> m.path("type").asText().equals("pma_entity_state_changed"),
          "state change caused by the action");
      assertThat(off.get("data").get("new_state").asText()).isEqualTo("off");

      ha.dropAllConnections();
      ws.next(m -> adapterStatus(m, "disconnected"), "disconnected");
      ws.next(m -> adapterStatus(m, "connecting"), "connecting");
      ws.next(m -> adapterStatus(m, "connected"), "connected");
      ws.next(m -> m.path("type").asText().equals("pma_sync_status")
          && m.get("data").get("status").asText().equals("syncing"), "syncing");
      JsonNode done = ws.next(m -> m.path("type").asText().equals("pma_sync_status")
          && !m.get("data").get("status").asText().equals("syncing"), "sync result");
      assertThat(done.get("data").get("status").asText()).isEqualTo("completed");
      assertThat(done.get("data").get("entities_found").asInt()).isEqualTo(2);
    }
  }

  private static boolean adapterStatus(JsonNode message, String status) {
    return message.path("type").asText().equals("pma_adapter_status")
        && message.get("data").get("adapter_id").asText().equals("homeassistant")
        && message.get("data").get("status").asText().equals(status);
  }

  /** A plain WebSocket client of /ws that keeps every message for {@link #next}. */
  private static final class WsProbe implements AutoCloseable {
    private final WebSocketClient client;
    private final WebSocket socket;
    private final LinkedBlockingQueue<JsonNode> inbox;

    private WsProbe(WebSocketClient client, WebSocket socket, LinkedBlockingQueue<JsonNode> inbox) {
      this.client = client;
      this.socket = socket;
      this.inbox = inbox;
    }

    static WsProbe connect(Vertx vertx, String url) throws Exception {
      WebSocketClient client = vertx.createWebSocketClient();
      LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
      ClientWebSocket ws = client.webSocket();
      ws.textMessageHandler(text -> inbox.add(json(text)));
      WebSocket socket = ws.connect(new WebSocketConnectOptions().setAbsoluteURI(url))
          .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
      return new WsProbe(client, socket, inbox);
    }

    void send(String json) {
      socket.writeTextMessage(json);
    }

    /** Skips messages until one matches; fails after 15 s. */
    JsonNode next(Predicate<JsonNode> wanted, String what) {
      return Await.take(what + " on /ws", inbox, Duration.ofSeconds(15), wanted, skipped -> {});
    }

    @Override
    public void close() {
      client.close();
    }
  }

  private int syncs(String status) {
    return (int) published.stream().map(Published::event).filter(SyncStatus.class::isInstance)
        .filter(e -> status.equals(((SyncStatus) e).status())).count();
  }
}
