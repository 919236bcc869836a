package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.Await;
import io.pma.RawWebSocket;
import io.pma.TestServer;
import io.pma.WsTestClient;
import io.pma.domain.EntityId;
import io.pma.domain.EntityUpdate;
import io.pma.domain.Json;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Connection limit, shutdown, keep-alive and compression, each on its own server. */
class WebSocketLimitsTest {
  @Test
  @DisplayName("past max_connections a new connection is closed with 1013")
  void connectionLimit() {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", "3600000",
        "PMA_WEBSOCKET_MAX_CONNECTIONS", "2"));
        WsTestClient one = WsTestClient.connect(server.wsUrl());
        WsTestClient two = WsTestClient.connect(server.wsUrl());
        WsTestClient three = WsTestClient.open(server.wsUrl())) {
      assertThat(three.awaitClose()).isEqualTo(1013);
      assertThat(three.closeReason()).isEqualTo("connection limit reached");
      assertThat(one.untilPong()).isEmpty();
      two.close();
      assertThat(two.awaitClose()).isNotNegative();
      // The client sees the close before the server's loop has run its close handler and freed
      // the slot; reconnecting before that is rightly refused with 1013 ("try again later").
      Await.until("the server to free the closed connection's slot",
          () -> server.server().hub().connectedClients() == 1);
      try (WsTestClient again = WsTestClient.open(server.wsUrl())) {
        again.nextOf("welcome");
      }
    }
  }

  @Test
  @DisplayName("a server shutting down closes its connections with 1001")
  void shutdown() {
    TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", "3600000"));
    try (WsTestClient client = WsTestClient.connect(server.wsUrl())) {
      server.close();
      assertThat(client.awaitClose()).isEqualTo(1001);
      assertThat(client.closeReason()).isEqualTo("server shutting down");
    }
  }

  @Test
  @DisplayName("a peer that never answers pings is closed; one that does stays")
  void keepAlive() throws Exception {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", "3600000",
        "PMA_WEBSOCKET_PING_INTERVAL_SECONDS", "1", "PMA_WEBSOCKET_PONG_TIMEOUT_SECONDS", "3"));
        WsTestClient alive = WsTestClient.connect(server.wsUrl());
        RawWebSocket silent = new RawWebSocket(server.port(), null)) {
      assertThat(silent.handshakeResponse()).startsWith("HTTP/1.1 101");
      int pings = 0;
      int closeCode = -1;
      RawWebSocket.Frame frame;
      while ((frame = silent.read()) != null) {
        if (frame.opcode() == RawWebSocket.PING) {
          pings++;
        } else if (frame.opcode() == RawWebSocket.CLOSE && closeCode < 0) {
          closeCode = frame.closeCode();
        }
      }
      assertThat(pings).isGreaterThanOrEqualTo(1);
      assertThat(closeCode).isEqualTo(1001);
      // The silent peer needed over four seconds to be dropped; the answering one is still here.
      assertThat(alive.untilPong()).isEmpty();
      assertThat(alive.isClosed()).isFalse();
    }
  }

  @Test
  @DisplayName("a client that limits the server's deflate window gets plain frames")
  void limitedWindowGetsPlainFrames() throws Exception {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", "3600000"));
        RawWebSocket raw = new RawWebSocket(server.port(),
            "permessage-deflate; server_max_window_bits=10")) {
      raw.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(500) + "\"}");
      raw.read(); // welcome
      publishLongNotification(server);
      RawWebSocket.Frame frame = raw.read();
      assertThat(frame.rsv1()).isFalse();
      assertThat(Json.MAPPER.readTree(frame.text()).get("type").asText()).isIn("pong",
          "notification");
    }
  }

  private static void publishLongNotification(TestServer server) {
    server.server().broker().publish(new io.pma.domain.Notification("n", "t",
        "a long message ".repeat(40), "info", "test", null, java.time.Instant.now()));
  }

  @Test
  @DisplayName("with permessage-deflate events arrive compressed (RSV1) and inflate to the JSON")
  void compression() throws Exception {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", "3600000"));
        RawWebSocket raw = new RawWebSocket(server.port(),
            "permessage-deflate; client_max_window_bits");
        WsTestClient vertxClient = WsTestClient.open(server.wsUrl(), Map.of(), true, 0)) {
      assertThat(raw.handshakeResponse()).containsIgnoringCase("permessage-deflate");
      vertxClient.next("welcome");
      String token = TestTokens.user(server, "zip");
      vertxClient.authenticate(token);
      vertxClient.subscribe("entity_updates:sensor.zipped");
      raw.sendText("{\"type\":\"authenticate\",\"data\":{\"token\":\"" + token + "\"}}");
      raw.sendText("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:sensor.zipped\"]}}");
      String[] expected = {"welcome", "authentication_success", "subscription_success"};
      for (String type : expected) {
        RawWebSocket.Frame frame = raw.read();
        String text = frame.rsv1() ? RawWebSocket.inflate(frame.payload()) : frame.text();
        assertThat(Json.MAPPER.readTree(text).get("type").asText()).isEqualTo(type);
      }
      server.server().registry().apply(EntityUpdate.of(EntityId.parse("sensor.zipped"), "1",
          Json.object().put("description", "a long attribute ".repeat(20)), "test", null));
      RawWebSocket.Frame event = raw.read();
      assertThat(event.rsv1()).as("compressed").isTrue();
      String text = RawWebSocket.inflate(event.payload());
      // The repeated attribute makes the event compress to well under half its size.
      assertThat(event.payload().length).isLessThan(text.length() / 2);
      JsonNode inflated = Json.MAPPER.readTree(text);
      assertThat(inflated.get("type").asText()).isEqualTo("pma_entity_added");
      JsonNode viaVertx = vertxClient.next("pma_entity_added");
      assertThat(viaVertx).isEqualTo(inflated);
    }
  }
}
