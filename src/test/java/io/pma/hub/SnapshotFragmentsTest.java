package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.Await;
import io.pma.ServerRig;
import io.pma.WsTestClient;
import io.pma.domain.EntityId;
import io.pma.domain.EntityUpdate;
import io.pma.domain.Json;
import io.pma.registry.EntityRegistry;
import io.vertx.core.http.ClientWebSocket;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.http.WebSocketFrameType;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A snapshot larger than one chunk goes out as one message in several fragments (RFC 6455
 * section 5.4), plain or deflated, in the default or the compact form, and nothing overtakes it.
 */
class SnapshotFragmentsTest {
  private static final int ENTITIES = 1000;
  private static final String TOPIC = "entity_updates:sensor.frag_*";

  @RegisterExtension
  static final ServerRig rig = new ServerRig(ServerRig.STILL_DEMO);
  private static String token;

  /** One message as received: its text and the fragments it came in. */
  private record Message(JsonNode json, List<String> fragments) {}

  /** A client that records the fragments of every message. */
  private static final class FrameClient implements AutoCloseable {
    private final WebSocketClient client;
    private final WebSocket socket;
    private final LinkedBlockingQueue<Message> inbox = new LinkedBlockingQueue<>();
    private final StringBuilder text = new StringBuilder();
    private final List<String> fragments = new ArrayList<>();

    FrameClient(boolean compression) throws Exception {
      this(compression, 0);
    }

    /** {@code receiveBuffer} > 0 shrinks the socket's receive buffer (a reader that stalls). */
    FrameClient(boolean compression, int receiveBuffer) throws Exception {
      client = WsTestClient.webSocketClient(compression, receiveBuffer);
      // The handler is in place before the connection exists, so no message can precede it.
      ClientWebSocket opening = client.webSocket();
      socket = record(opening);
      Await.result(opening.connect(new WebSocketConnectOptions()
          .setAbsoluteURI(rig.server().wsUrl())));
    }

    private WebSocket record(WebSocket socket) {
      socket.frameHandler(frame -> {
        if (frame.type() == WebSocketFrameType.TEXT
            || frame.type() == WebSocketFrameType.CONTINUATION) {
          fragments.add(frame.type() + (frame.isFinal() ? "/fin" : ""));
          text.append(frame.textData());
          if (frame.isFinal()) {
            try {
              inbox.add(new Message(Json.MAPPER.readTree(text.toString()), List.copyOf(fragments)));
            } catch (IOException e) {
              throw new IllegalStateException("not JSON: " + text, e);
            }
            text.setLength(0);
            fragments.clear();
          }
        }
      });
      return socket;
    }

    void send(String json) {
      socket.writeTextMessage(json);
    }

    void pause() {
      socket.pause();
    }

    void resume() {
      socket.resume();
    }

    Message next(String type) throws InterruptedException {
      while (true) {
        Message message = inbox.poll(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(message).as("a " + type + " message").isNotNull();
        if (message.json().get("type").asText().equals(type)) {
          return message;
        }
      }
    }

    /** Every message up to and including the first of {@code type}, in order. */
    List<Message> until(String type) throws InterruptedException {
      List<Message> seen = new ArrayList<>();
      while (true) {
        Message message = inbox.poll(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        assertThat(message).as("a " + type + " message").isNotNull();
        seen.add(message);
        if (message.json().get("type").asText().equals(type)) {
          return seen;
        }
      }
    }

    @Override
    public void close() {
      client.close();
    }
  }

  @BeforeAll
  static void entities() {
    EntityRegistry registry = rig.server().server().registry();
    for (int i = 0; i < ENTITIES; i++) {
      ObjectNode attributes = Json.object().put("friendly_name", "Fragment sensor " + i)
          .put("unit_of_measurement", "W").put("device_class", "power")
          .put("manufacturer", "Acme").put("model", "PM-" + (i % 7))
          .put("note", "x".repeat(i % 50));
      registry.apply(EntityUpdate.of(EntityId.parse(String.format("sensor.frag_%04d", i)),
          Integer.toString(i), attributes, "test", null));
    }
    token = rig.server().adminToken();
  }

  private static FrameClient subscribed(boolean compression, String options) throws Exception {
    FrameClient client = new FrameClient(compression);
    client.next("welcome");
    client.send("{\"type\":\"authenticate\",\"data\":{\"token\":\"" + token + "\"}}");
    client.next("authentication_success");
    client.send("{\"type\":\"subscribe\",\"request_id\":7,\"data\":{\"topics\":[\"" + TOPIC
        + "\"],\"snapshot\":true" + options + "}}");
    return client;
  }

  /** The entities as {@code GET /api/v1/entities} returns them: what a snapshot must hold. */
  private static JsonNode restEntities() {
    ArrayNode matching = Json.MAPPER.createArrayNode();
    for (JsonNode entity : rig.server().request("GET", "/api/v1/entities?domain=sensor", token,
        null).json()) {
      if (entity.get("entity_id").asText().startsWith("sensor.frag_")) {
        matching.add(entity);
      }
    }
    return matching;
  }

  private static void assertFragmented(Message snapshot) {
    List<String> fragments = snapshot.fragments();
    assertThat(fragments.size()).isGreaterThan(ENTITIES / SnapshotWriter.CHUNK_ENTITIES);
    assertThat(fragments.get(0)).isEqualTo("TEXT");
    assertThat(fragments.subList(1, fragments.size() - 1)).containsOnly("CONTINUATION");
    assertThat(fragments.get(fragments.size() - 1)).isEqualTo("CONTINUATION/fin");
  }

  @Test
  @DisplayName("a large snapshot is one message in fragments, equal to the REST list, plain and deflated")
  void defaultForm() throws Exception {
    for (boolean compression : new boolean[] {false, true}) {
      try (FrameClient client = subscribed(compression, "")) {
        client.next("subscription_success");
        Message snapshot = client.next("pma_entity_snapshot");
        assertFragmented(snapshot);
        assertThat(snapshot.json().get("request_id").asInt()).isEqualTo(7);
        assertThat(snapshot.json().fieldNames()).toIterable()
            .containsExactly("type", "timestamp", "data", "request_id");
        assertThat(snapshot.json().at("/data/seq").asLong()).isPositive();
        assertThat(snapshot.json().at("/data/entities")).isEqualTo(restEntities());
      }
    }
  }

  @Test
  @DisplayName("compact: rows named once by fields, epoch-millisecond times, the same entities")
  void compactForm() throws Exception {
    try (FrameClient client = subscribed(true, ",\"compact\":true")) {
      Message snapshot = client.next("pma_entity_snapshot");
      assertFragmented(snapshot);
      JsonNode data = snapshot.json().get("data");
      assertThat(data.get("format").asText()).isEqualTo("compact");
      List<String> fields = new ArrayList<>();
      data.get("fields").forEach(f -> fields.add(f.asText()));
      assertThat(fields).containsExactly("entity_id", "name", "state", "attributes", "source",
          "adapter_id", "area", "available", "last_changed", "last_updated", "context_id");
      Iterator<JsonNode> expected = restEntities().iterator();
      for (JsonNode row : data.get("entities")) {
        JsonNode entity = expected.next();
        for (int i = 0; i < fields.size(); i++) {
          String field = fields.get(i);
          JsonNode value = row.get(i);
          if (field.startsWith("last_")) {
            assertThat(Json.formatInstant(Instant.ofEpochMilli(value.asLong())))
                .isEqualTo(entity.get(field).asText());
          } else {
            assertThat(value).as(field).isEqualTo(entity.get(field));
          }
        }
      }
      assertThat(expected.hasNext()).isFalse();
    }
    try (FrameClient client = subscribed(false,
        ",\"compact\":true,\"include_attributes\":false")) {
      JsonNode data = client.next("pma_entity_snapshot").json().get("data");
      assertThat(data.get("fields").toString()).doesNotContain("attributes");
      assertThat(data.at("/entities/0").size()).isEqualTo(10);
    }
  }

  @Test
  @DisplayName("a reader that stops during its snapshot holds up no one; resumed, it gets all of it")
  void stalledReader() throws Exception {
    EntityRegistry registry = rig.server().server().registry();
    try (FrameClient other = subscribed(false, "");
        FrameClient stalled = new FrameClient(false, 4096)) {
      other.next("pma_entity_snapshot");
      stalled.next("welcome");
      stalled.send("{\"type\":\"authenticate\",\"data\":{\"token\":\"" + token + "\"}}");
      stalled.next("authentication_success");
      stalled.pause();
      stalled.send("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"" + TOPIC
          + "\"],\"snapshot\":true}}");
      other.send("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:light.*\"]}}");
      other.next("subscription_success");
      registry.apply(EntityUpdate.of(EntityId.parse("light.frag_other"), "on", Json.object(),
          "test", null));
      assertThat(other.next("pma_entity_added").json().at("/data/entity_id").asText())
          .isEqualTo("light.frag_other");
      stalled.resume();
      stalled.next("subscription_success");
      Message snapshot = stalled.next("pma_entity_snapshot");
      assertFragmented(snapshot);
      assertThat(snapshot.json().at("/data/entities")).isEqualTo(restEntities());
    }
  }

  @Test
  @DisplayName("a reply and a change sent during the snapshot follow it, and the change is not lost")
  void nothingOvertakes() throws Exception {
    EntityRegistry registry = rig.server().server().registry();
    try (FrameClient client = subscribed(false, "")) {
      client.send("{\"type\":\"ping\",\"request_id\":\"after\"}");
      registry.apply(EntityUpdate.of(EntityId.parse("sensor.frag_0999"), "changed",
          Json.object(), "test", null));
      List<Message> messages = client.until("pong");
      List<String> types = messages.stream().map(m -> m.json().get("type").asText()).toList();
      assertThat(types.indexOf("subscription_success")).isLessThan(
          types.indexOf("pma_entity_snapshot"));
      assertThat(types.indexOf("pma_entity_snapshot")).isLessThan(types.indexOf("pong"));
      JsonNode snapshot = messages.get(types.indexOf("pma_entity_snapshot")).json();
      JsonNode last = snapshot.at("/data/entities/" + (ENTITIES - 1));
      long snapshotSeq = snapshot.at("/data/seq").asLong();
      if (!last.get("state").asText().equals("changed")) {
        // Not in the snapshot: then it is delivered after it, with a greater seq.
        JsonNode change = types.contains("pma_entity_state_changed")
            ? messages.get(types.indexOf("pma_entity_state_changed")).json()
            : client.next("pma_entity_state_changed").json();
        assertThat(change.at("/data/new_state").asText()).isEqualTo("changed");
        assertThat(change.get("seq").asLong()).isGreaterThan(snapshotSeq);
      }
      Await.until("the change to be applied", () -> registry.get(
          EntityId.parse("sensor.frag_0999")).orElseThrow().state().equals("changed"));
    } finally {
      registry.apply(EntityUpdate.of(EntityId.parse("sensor.frag_0999"), "999", Json.object()
          .put("friendly_name", "Fragment sensor 999").put("unit_of_measurement", "W")
          .put("device_class", "power").put("manufacturer", "Acme").put("model", "PM-5")
          .put("note", "x".repeat(49)), "test", null));
    }
  }
}
