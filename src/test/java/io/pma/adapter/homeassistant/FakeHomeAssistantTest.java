package io.pma.adapter.homeassistant;

import static io.pma.adapter.homeassistant.HomeAssistantMirrorTest.attrs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.Await;
import io.vertx.core.Vertx;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The fake answers exactly as HA's WebSocket API documents, checked with a raw client. */
class FakeHomeAssistantTest {
  private final Vertx vertx = Vertx.vertx();
  private final FakeHomeAssistant ha = FakeHomeAssistant.start(vertx, "secret");
  private final WebSocketClient client = vertx.createWebSocketClient();
  private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
  private final CountDownLatch closed = new CountDownLatch(1);
  private WebSocket socket;

  @AfterEach
  void close() {
    ha.close();
    vertx.close();
  }

  private void connect() throws Exception {
    ClientWebSocket ws = client.webSocket();
    ws.textMessageHandler(received::add); // before connecting: auth_required comes at once
    ws.closeHandler(v -> closed.countDown());
    socket = ws.connect(ha.port(), "127.0.0.1", "/api/websocket").toCompletionStage()
        .toCompletableFuture().get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
  }

  private JsonNode next() throws InterruptedException {
    String text = received.poll(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    assertThat(text).as("a message within %s", Await.TIMEOUT).isNotNull();
    return attrs(text);
  }

  private void send(String json) {
    socket.writeTextMessage(json);
  }

  private void authenticate() throws Exception {
    connect();
    next();
    send("{\"type\":\"auth\",\"access_token\":\"secret\"}");
    assertThat(next()).isEqualTo(attrs("{\"type\":\"auth_ok\",\"ha_version\":\"2026.1.0\"}"));
  }

  @Test
  @DisplayName("auth phase: auth_required, then auth_invalid and a closed connection for a bad token")
  void badToken() throws Exception {
    connect();
    assertThat(next()).isEqualTo(attrs("{\"type\":\"auth_required\",\"ha_version\":\"2026.1.0\"}"));
    send("{\"type\":\"auth\",\"access_token\":\"nope\"}");
    assertThat(next()).isEqualTo(attrs("{\"type\":\"auth_invalid\","
        + "\"message\":\"Invalid access token or password\"}"));
    assertThat(closed.await(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isTrue();
  }

  @Test
  @DisplayName("command phase: results, id_reuse, unknown_command, invalid_format, pong, not_found")
  void commandRules() throws Exception {
    ha.setState("light.kitchen", "off", null);
    authenticate();
    send("{\"id\":1,\"type\":\"ping\"}");
    assertThat(next()).isEqualTo(attrs("{\"id\":1,\"type\":\"pong\"}"));
    send("{\"id\":1,\"type\":\"ping\"}");
    assertThat(next()).isEqualTo(attrs("{\"id\":1,\"type\":\"result\",\"success\":false,"
        + "\"error\":{\"code\":\"id_reuse\",\"message\":\"Identifier values have to increase.\"}}"));
    send("{\"id\":2,\"type\":\"make_coffee\"}");
    assertThat(next()).isEqualTo(attrs("{\"id\":2,\"type\":\"result\",\"success\":false,"
        + "\"error\":{\"code\":\"unknown_command\",\"message\":\"Unknown command.\"}}"));
    send("{\"type\":\"get_states\"}");
    assertThat(next()).isEqualTo(attrs("{\"id\":0,\"type\":\"result\",\"success\":false,"
        + "\"error\":{\"code\":\"invalid_format\",\"message\":\"Message incorrectly formatted.\"}}"));
    send("{\"id\":3,\"type\":\"call_service\",\"domain\":\"light\",\"service\":\"explode\"}");
    assertThat(next()).isEqualTo(attrs("{\"id\":3,\"type\":\"result\",\"success\":false,"
        + "\"error\":{\"code\":\"not_found\",\"message\":\"Service light.explode not found.\"}}"));
    send("{\"id\":4,\"type\":\"get_states\"}");
    JsonNode states = next();
    assertThat(states.get("success").asBoolean()).isTrue();
    assertThat(states.get("result").get(0).get("entity_id").asText()).isEqualTo("light.kitchen");
    assertThat(states.get("result").get(0).fieldNames()).toIterable().containsExactly("entity_id",
        "state", "attributes", "last_changed", "last_reported", "last_updated", "context");
  }

  @Test
  @DisplayName("subscribe_events then call_service: state_changed event before the result")
  void eventsBeforeResult() throws Exception {
    ha.setState("light.kitchen", "off", null);
    authenticate();
    send("{\"id\":1,\"type\":\"subscribe_events\",\"event_type\":\"state_changed\"}");
    assertThat(next()).isEqualTo(attrs("{\"id\":1,\"type\":\"result\",\"success\":true,\"result\":null}"));
    send("{\"id\":2,\"type\":\"call_service\",\"domain\":\"light\",\"service\":\"turn_on\","
        + "\"service_data\":{\"brightness\":200},\"target\":{\"entity_id\":\"light.kitchen\"}}");
    JsonNode event = next();
    assertThat(event.get("id").asInt()).isEqualTo(1);
    assertThat(event.get("type").asText()).isEqualTo("event");
    assertThat(event.get("event").fieldNames()).toIterable().containsExactly("event_type", "data",
        "origin", "time_fired", "context");
    ObjectNode data = (ObjectNode) event.get("event").get("data");
    assertThat(data.get("old_state").get("state").asText()).isEqualTo("off");
    assertThat(data.get("new_state").get("state").asText()).isEqualTo("on");
    assertThat(data.get("new_state").get("attributes")).isEqualTo(attrs("{\"brightness\":200}"));
    JsonNode result = next();
    assertThat(result.get("id").asInt()).isEqualTo(2);
    assertThat(result.get("success").asBoolean()).isTrue();
    assertThat(result.get("result").get("context").has("id")).isTrue();
  }
}
