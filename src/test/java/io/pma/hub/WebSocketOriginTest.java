package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.RawWebSocket;
import io.pma.TestServer;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** websocket.allowed_origins through the real server: what a browser page elsewhere may open. */
class WebSocketOriginTest {
  private static final Map<String, String> QUIET = Map.of("PMA_DEMO_TICK_MS", "3600000");

  @Test
  @DisplayName("an upgrade from a page of another origin is refused with 403; the server's own origin and clients without Origin are let in")
  void crossOriginRefused() throws Exception {
    try (TestServer server = TestServer.start(QUIET)) {
      assertThat(handshake(server, "Origin: http://evil.example\r\n")).startsWith("HTTP/1.1 403");
      assertThat(handshake(server, "Origin: http://127.0.0.1:1\r\n")).startsWith("HTTP/1.1 403");
      assertThat(handshake(server, "Origin: null\r\n")).startsWith("HTTP/1.1 403");
      assertThat(handshake(server, "Origin: http://127.0.0.1:" + server.port() + "\r\n"))
          .startsWith("HTTP/1.1 101");
      assertThat(handshake(server, "")).startsWith("HTTP/1.1 101");
    }
  }

  @Test
  @DisplayName("origins listed in websocket.allowed_origins are let in, others still refused; * lets every origin in")
  void listedOrigins() throws Exception {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", "3600000",
        "PMA_WEBSOCKET_ALLOWED_ORIGINS", "https://dash.example.com,http://10.0.0.5:8080"))) {
      assertThat(handshake(server, "Origin: https://dash.example.com\r\n"))
          .startsWith("HTTP/1.1 101");
      assertThat(handshake(server, "Origin: https://DASH.example.com:443\r\n"))
          .startsWith("HTTP/1.1 101");
      assertThat(handshake(server, "Origin: http://10.0.0.5:8080\r\n")).startsWith("HTTP/1.1 101");
      assertThat(handshake(server, "Origin: http://dash.example.com\r\n"))
          .startsWith("HTTP/1.1 403");
      assertThat(handshake(server, "Origin: https://dash.example.com.evil.example\r\n"))
          .startsWith("HTTP/1.1 403");
    }
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", "3600000",
        "PMA_WEBSOCKET_ALLOWED_ORIGINS", "*"))) {
      assertThat(handshake(server, "Origin: http://anywhere.example\r\n"))
          .startsWith("HTTP/1.1 101");
    }
  }

  private static String handshake(TestServer server, String headerLines) throws Exception {
    try (RawWebSocket socket = new RawWebSocket(server.port(), null, headerLines)) {
      return socket.handshakeResponse();
    }
  }
}
