package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.RawWebSocket;
import io.pma.TestServer;
import io.pma.WsTestClient;
import io.pma.domain.Json;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Attacks on /ws through the real server, each answered without hurting anyone else. */
class WebSocketAbuseTest {
  @Test
  @DisplayName("a small compressed frame that inflates to 60 MiB is closed 1009, and /health/live answers meanwhile")
  void compressionBomb() throws Exception {
    byte[] bomb = RawWebSocket.deflateBomb("{\"type\":\"ping\",\"x\":\"", 60 << 20);
    assertThat(bomb.length).isLessThan(65536); // one frame under max_message_bytes
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", "3600000"));
        RawWebSocket first = new RawWebSocket(server.port(), "permessage-deflate");
        RawWebSocket second = new RawWebSocket(server.port(), "permessage-deflate")) {
      assertThat(first.handshakeResponse()).containsIgnoringCase("permessage-deflate");
      // One bomb per event loop (the server runs two): before the fix, each loop inflated for
      // most of a minute and every connection on it, /health included, waited.
      first.sendCompressedText(bomb);
      second.sendCompressedText(bomb);
      assertThat(server.request("GET", "/health/live", null, null).status()).isEqualTo(200);
      assertThat(closeCode(first)).isEqualTo(1009);
      assertThat(closeCode(second)).isEqualTo(1009);
      try (RawWebSocket after = new RawWebSocket(server.port(), "permessage-deflate")) {
        after.sendCompressedText(RawWebSocket.deflateBomb("{\"type\":\"ping\"}", 0));
        assertThat(nextTextType(after)).isEqualTo("pong");
      }
    }
  }

  @Test
  @DisplayName("ping control frames count in the rate limit: a flood is not answered and ends in close 4029")
  void pingFlood() throws Exception {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", "3600000"));
        RawWebSocket flooder = new RawWebSocket(server.port(), null);
        WsTestClient bystander = WsTestClient.connect(server.wsUrl())) {
      flooder.sendPings(20_000);
      int pongs = 0;
      RawWebSocket.Frame frame;
      while ((frame = flooder.read()) != null && frame.opcode() != RawWebSocket.CLOSE) {
        if (frame.opcode() == RawWebSocket.PONG) {
          pongs++;
        }
      }
      assertThat(frame).as("a close frame").isNotNull();
      assertThat(frame.closeCode()).isEqualTo(4029);
      // burst_messages (100) plus what refills while the server reads the flood
      assertThat(pongs).isBetween(100, 1_000);
      assertThat(bystander.untilPong()).isEmpty();
    }
  }

  /** Reads frames until the close frame and returns its code (-1 if the TCP closed first). */
  static int closeCode(RawWebSocket socket) throws IOException {
    RawWebSocket.Frame frame;
    while ((frame = socket.read()) != null) {
      if (frame.opcode() == RawWebSocket.CLOSE) {
        return frame.closeCode();
      }
    }
    return -1;
  }

  private static String nextTextType(RawWebSocket socket) throws Exception {
    RawWebSocket.Frame frame;
    while ((frame = socket.read()) != null) {
      if (frame.opcode() == RawWebSocket.TEXT) {
        String text = frame.rsv1() ? RawWebSocket.inflate(frame.payload()) : frame.text();
        String type = Json.MAPPER.readTree(text).get("type").asText();
        if (!"welcome".equals(type)) {
          return type;
        }
      }
    }
    return null;
  }
}
