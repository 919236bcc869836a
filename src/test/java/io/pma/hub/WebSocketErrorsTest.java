package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.RawWebSocket;
import io.pma.ServerRig;
import io.pma.WsTestClient;
import io.pma.domain.EntityId;
import io.pma.domain.EntityUpdate;
import io.pma.domain.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every row of PROTOCOL.md section 6 that a client can cause on its own connection. */
class WebSocketErrorsTest {
  @RegisterExtension
  static final ServerRig rig = new ServerRig(Map.of("PMA_DEMO_TICK_MS", "3600000",
        "PMA_WEBSOCKET_MAX_MESSAGE_BYTES", "1024"));

  @ParameterizedTest(name = "{0} -> {1}")
  @DisplayName("malformed messages are answered with invalid_message and the connection stays")
  @CsvSource(delimiter = '|', value = {
      "{not json                                   | invalid JSON",
      "42                                          | message must be a JSON object",
      "\"text\"                                    | message must be a JSON object",
      "[{\"type\":\"ping\"}]                       | message must be a JSON object",
      "{\"type\":\"ping\"}{\"type\":\"ping\"}      | invalid JSON",
      "{\"data\":{}}                               | missing type",
      "{\"type\":7}                                | missing type",
      "{\"type\":\"launch\"}                       | unknown type",
      "{\"type\":\"subscribe\",\"data\":[]}        | invalid data",
      "{\"type\":\"subscribe\",\"data\":{}}        | invalid data",
      "{\"type\":\"subscribe\",\"data\":{\"topics\":\"ha_events\"}}   | invalid data",
      "{\"type\":\"subscribe\",\"data\":{\"topics\":[1]}}             | invalid data",
      "{\"type\":\"subscribe\",\"data\":{\"topics\":[\"ha_events\"],\"snapshot\":\"yes\"}} | invalid data",
      "{\"type\":\"unsubscribe\",\"data\":{\"topics\":[]}}            | invalid data",
      "{\"type\":\"authenticate\",\"data\":{}}     | invalid data",
      "{\"type\":\"subscribe_ha_events\",\"data\":{\"domains\":\"light\"}} | invalid data"})
  void invalidMessages(String frame, String error) {
    try (WsTestClient client = WsTestClient.connect(rig.server().wsUrl())) {
      JsonNode reply = client.send(frame.strip()).next("invalid_message");
      assertThat(reply.get("data").get("error").asText()).isEqualTo(error);
      assertThat(reply.get("data").get("detail").asText()).isNotBlank();
      assertThat(client.untilPong()).isEmpty();
    }
  }

  @Test
  @DisplayName("invalid_message names the problem and echoes request_id when it could be read")
  void exactInvalidMessage() {
    try (WsTestClient client = WsTestClient.connect(rig.server().wsUrl())) {
      JsonNode reply = client.send("{\"type\":\"subscribe\",\"request_id\":\"x\","
          + "\"data\":{\"topics\":[\"a\"],\"include_attributes\":1}}").next("invalid_message");
      assertThat(reply.fieldNames()).toIterable()
          .containsExactly("type", "timestamp", "data", "request_id");
      assertThat(reply.get("request_id").asText()).isEqualTo("x");
      assertThat(reply.get("data").toString()).isEqualTo("{\"error\":\"invalid data\","
          + "\"detail\":\"data.include_attributes must be true or false\"}");
      reply = client.send("{\"type\":\"launch\",\"request_id\":5}").next("invalid_message");
      assertThat(reply.get("data").toString()).isEqualTo("{\"error\":\"unknown type\","
          + "\"detail\":\"unknown message type 'launch'\"}");
      assertThat(reply.get("request_id").asInt()).isEqualTo(5);
    }
  }

  @Test
  @DisplayName("a binary frame is answered with invalid_message")
  void binaryFrame() {
    try (WsTestClient client = WsTestClient.connect(rig.server().wsUrl())) {
      client.sendBinary(new byte[] {1, 2, 3});
      assertThat(client.next("invalid_message").get("data").get("error").asText())
          .isEqualTo("binary frames are not supported");
      assertThat(client.untilPong()).isEmpty();
    }
  }

  @Test
  @DisplayName("a frame over max_message_bytes closes with 1009")
  void oversizedFrame() {
    try (WsTestClient client = WsTestClient.connect(rig.server().wsUrl())) {
      client.send("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(2000) + "\"}");
      assertThat(client.awaitClose()).isEqualTo(1009);
    }
  }

  @Test
  @DisplayName("a fragmented message over max_message_bytes closes with 1009; under it is fine")
  void oversizedMessage() {
    try (WsTestClient client = WsTestClient.connect(rig.server().wsUrl())) {
      String head = "{\"type\":\"ping\",\"request_id\":\"frag\",\"pad\":\"";
      client.socket().writeFrame(WebSocketFrame.textFrame(head, false));
      client.socket().writeFrame(WebSocketFrame.continuationFrame(
          Buffer.buffer("y".repeat(300)), false));
      client.socket().writeFrame(WebSocketFrame.continuationFrame(Buffer.buffer("\"}"), true));
      assertThat(client.next("pong").get("request_id").asText()).isEqualTo("frag");
      client.socket().writeFrame(WebSocketFrame.textFrame(head, false));
      for (int i = 0; i < 4; i++) {
        client.socket().writeFrame(WebSocketFrame.continuationFrame(
            Buffer.buffer("z".repeat(300)), false));
      }
      assertThat(client.awaitClose()).isEqualTo(1009);
    }
  }

  @Test
  @DisplayName("past the rate limit messages are answered 'rate limited'; the connection stays")
  void rateLimited() throws Exception {
    try (RawWebSocket client = new RawWebSocket(rig.server().port(), null)) {
      assertThat(Json.MAPPER.readTree(client.read().text()).get("type").asText())
          .isEqualTo("welcome");
      List<String> pings = new java.util.ArrayList<>();
      for (int i = 0; i < 150; i++) {
        pings.add("{\"type\":\"ping\",\"request_id\":" + i + "}");
      }
      client.sendTexts(pings);
      int pongs = 0;
      int limited = 0;
      while (pongs + limited < 150) {
        JsonNode reply = Json.MAPPER.readTree(client.read().text());
        if ("notification".equals(reply.get("type").asText())) {
          continue; // another test's marker, published while this connection opened
        }
        if ("pong".equals(reply.get("type").asText())) {
          pongs++;
        } else {
          assertThat(reply.get("data").get("error").asText()).isEqualTo("rate limited");
          limited++;
        }
      }
      // The burst of 100 passes, plus what refills at 50/s while they are handled; not all 150.
      assertThat(pongs).isBetween(100, 140);
      assertThat(limited).isEqualTo(150 - pongs);
      // Still open and answering (a pong, or another refusal while the bucket is empty).
      client.sendText("{\"type\":\"ping\",\"request_id\":\"after\"}");
      JsonNode after = Json.MAPPER.readTree(client.read().text());
      assertThat(after.path("request_id").asText().equals("after")
          || "rate limited".equals(after.path("data").path("error").asText()))
          .as(after.toString()).isTrue();
    }
  }

  @Test
  @DisplayName("sustained flooding closes with 4029 while another connection is unaffected")
  void abuseCloses() {
    try (WsTestClient flooder = WsTestClient.connect(rig.server().wsUrl());
        WsTestClient bystander = WsTestClient.connect(rig.server().wsUrl())) {
      bystander.subscribe("notifications");
      for (int i = 0; i < 400; i++) {
        flooder.send("{\"type\":\"ping\"}");
      }
      assertThat(flooder.awaitClose()).isEqualTo(4029);
      List<JsonNode> received = bystander.untilMarker(rig.server().server().broker());
      assertThat(received).isEmpty();
      assertThat(bystander.untilPong()).isEmpty();
    }
  }

  @Test
  @DisplayName("a bad message on one connection does not disturb another's updates")
  void isolation() {
    String token = TestTokens.user(rig.server(), "isolated");
    try (WsTestClient bad = WsTestClient.connect(rig.server().wsUrl());
        WsTestClient good = WsTestClient.connect(rig.server().wsUrl())) {
      good.authenticate(token);
      good.subscribe("entity_updates:sensor.iso");
      bad.send("{oops").next("invalid_message");
      bad.sendBinary(new byte[] {0});
      bad.next("invalid_message");
      rig.server().server().registry().apply(EntityUpdate.of(EntityId.parse("sensor.iso"), "1",
          Json.object(), "test", null));
      assertThat(good.untilMarker(rig.server().server().broker()))
          .extracting(m -> m.get("type").asText()).containsExactly("pma_entity_added");
    }
  }
}
