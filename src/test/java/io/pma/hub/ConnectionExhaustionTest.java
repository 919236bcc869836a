package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.Await;
import io.pma.RawWebSocket;
import io.pma.TestServer;
import io.pma.domain.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * One address trying to hold every socket: per-address caps, the header deadline (slowloris) and
 * the authentication deadline, through the real server, with connections opened in parallel.
 */
class ConnectionExhaustionTest {
  private static final String QUIET_TICK = "3600000";

  @Test
  @DisplayName("40 connections opened in parallel from one address: exactly max_connections_per_address (20) are served, another address still is")
  void perAddressCap() throws Exception {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", QUIET_TICK,
        "PMA_SERVER_MAX_CONNECTIONS_PER_ADDRESS", "20"))) {
      List<Socket> sockets = new ArrayList<>();
      try {
        List<String> answers = inParallel(40, () -> {
          Socket socket = connect(server, "127.0.0.1");
          synchronized (sockets) {
            sockets.add(socket);
          }
          return request(socket, "GET /health/live HTTP/1.1\r\nHost: pma\r\n\r\n");
        });
        assertThat(answers.stream().filter(a -> a.startsWith("HTTP/1.1 200"))).hasSize(20);
        assertThat(answers.stream().filter(a -> !a.startsWith("HTTP/1.1 200")))
            .hasSize(20).allSatisfy(a -> assertThat(a).isIn("HTTP/1.1 429", "closed"));
        try (Socket other = connect(server, "127.0.0.2")) {
          assertThat(request(other, "GET /health/live HTTP/1.1\r\nHost: pma\r\n\r\n"))
              .startsWith("HTTP/1.1 200");
        }
      } finally {
        for (Socket socket : sockets) {
          socket.close();
        }
      }
      // The 20 kept-alive connections closed: the address gets its share back.
      Await.until("the address to be served again", () -> {
        try (Socket again = connect(server, "127.0.0.1")) {
          return request(again, "GET /health/live HTTP/1.1\r\nHost: pma\r\n\r\n")
              .startsWith("HTTP/1.1 200");
        } catch (IOException e) {
          return false;
        }
      });
    }
  }

  @Test
  @DisplayName("behind a trusted proxy /ws is capped per forwarded client; from others X-Forwarded-For changes nothing")
  void forwardedClients() throws Exception {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", QUIET_TICK,
        "PMA_SERVER_MAX_CONNECTIONS_PER_ADDRESS", "3",
        "PMA_SERVER_TRUSTED_PROXIES", "127.0.0.1/32"))) {
      List<RawWebSocket> open = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          open.add(viaProxy(server, "198.51.100.1, 203.0.113.7"));
          assertThat(firstType(open.get(i))).isEqualTo("welcome");
        }
        RawWebSocket fourth = viaProxy(server, "10.9.9.9, 203.0.113.7");
        open.add(fourth);
        RawWebSocket.Frame close = fourth.read();
        assertThat(close.opcode()).isEqualTo(RawWebSocket.CLOSE);
        assertThat(close.closeCode()).isEqualTo(1013);
        assertThat(new String(close.payload(), 2, close.payload().length - 2,
            StandardCharsets.UTF_8)).isEqualTo("too many connections from this address");
        RawWebSocket otherClient = viaProxy(server, "203.0.113.8");
        open.add(otherClient);
        assertThat(firstType(otherClient)).isEqualTo("welcome");
      } finally {
        for (RawWebSocket socket : open) {
          socket.close();
        }
      }
    }
    // Without trusted proxies the header is the client's own word: the socket's address counts.
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", QUIET_TICK,
        "PMA_SERVER_MAX_CONNECTIONS_PER_ADDRESS", "2"))) {
      try (RawWebSocket one = viaProxy(server, "203.0.113.1");
          RawWebSocket two = viaProxy(server, "203.0.113.2")) {
        assertThat(firstType(one)).isEqualTo("welcome");
        assertThat(firstType(two)).isEqualTo("welcome");
        try (Socket third = connect(server, "127.0.0.1")) {
          assertThat(request(third, "GET /ws HTTP/1.1\r\nHost: pma\r\nX-Forwarded-For: 203.0.113.3"
              + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
              + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n")).isIn("HTTP/1.1 429", "closed");
        }
      }
    }
  }

  @Test
  @DisplayName("50 half-sent requests opened in parallel are closed after header_timeout_seconds; a WebSocket outlives it")
  void slowloris() throws Exception {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", QUIET_TICK,
        "PMA_SERVER_HEADER_TIMEOUT_SECONDS", "1", "PMA_WEBSOCKET_PING_INTERVAL_SECONDS", "3",
        "PMA_WEBSOCKET_ANONYMOUS_TOPICS", "notifications"))) {
      List<String> outcomes = inParallel(50, () -> {
        try (Socket socket = connect(server, "127.0.0.1")) {
          socket.getOutputStream().write("GET /health/live HTTP/1.1\r\nHost: pm"
              .getBytes(StandardCharsets.US_ASCII));
          return socket.getInputStream().read() < 0 ? "closed" : "answered";
        } catch (SocketException e) {
          return "closed"; // reset
        }
      });
      assertThat(outcomes).hasSize(50).containsOnly("closed");
      // A kept-alive connection idle after its response ends the same way.
      try (Socket idle = connect(server, "127.0.0.1")) {
        assertThat(request(idle, "GET /health/live HTTP/1.1\r\nHost: pma\r\n\r\n"))
            .startsWith("HTTP/1.1 200");
        assertThat(drainToEnd(idle.getInputStream())).isTrue();
      }
      // An upgraded socket is not an HTTP request any more: the server's ping (after 3 s, past
      // the 1 s deadline) arrives and the socket still answers.
      try (RawWebSocket socket = new RawWebSocket(server.port(), null)) {
        RawWebSocket.Frame frame;
        while ((frame = socket.read()) != null && frame.opcode() != 0x9) {
          assertThat(frame.opcode()).isNotEqualTo(RawWebSocket.CLOSE);
        }
        assertThat(frame).as("the server's ping").isNotNull();
        socket.sendText("{\"type\":\"ping\"}");
        assertThat(socket.read().text()).contains("\"type\":\"pong\"");
      }
    }
  }

  @Test
  @DisplayName("with nothing open to anonymous clients a socket that never authenticates is closed 1008 after auth_timeout_seconds")
  void authenticationDeadline() throws Exception {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", QUIET_TICK,
        "PMA_WEBSOCKET_AUTH_TIMEOUT_SECONDS", "1", "PMA_WEBSOCKET_PING_INTERVAL_SECONDS", "3"))) {
      String token = TestTokens.user(server, "resident");
      try (RawWebSocket anonymous = new RawWebSocket(server.port(), null);
          RawWebSocket authenticated = new RawWebSocket(server.port(), null)) {
        authenticated.sendText("{\"type\":\"authenticate\",\"data\":{\"token\":\"" + token
            + "\"}}");
        assertThat(WebSocketAbuseTest.closeCode(anonymous)).isEqualTo(1008);
        // The authenticated one gets past the deadline to the server's ping at 3 s.
        RawWebSocket.Frame frame;
        while ((frame = authenticated.read()) != null && frame.opcode() != 0x9) {
          assertThat(frame.opcode()).isNotEqualTo(RawWebSocket.CLOSE);
        }
        assertThat(frame).as("the server's ping").isNotNull();
      }
    }
  }

  private static RawWebSocket viaProxy(TestServer server, String forwardedFor) throws IOException {
    return new RawWebSocket(server.port(), null, "X-Forwarded-For: " + forwardedFor + "\r\n");
  }

  private static String firstType(RawWebSocket socket) throws IOException {
    RawWebSocket.Frame frame = socket.read();
    return frame == null || frame.opcode() != 0x1 ? "no text frame"
        : Json.MAPPER.readTree(frame.text()).get("type").asText();
  }

  /** A socket from {@code localAddress} (any 127.x address is this machine) to the server. */
  private static Socket connect(TestServer server, String localAddress) throws IOException {
    Socket socket = new Socket();
    socket.setSoTimeout((int) Await.TIMEOUT.toMillis());
    socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
    socket.connect(new InetSocketAddress("127.0.0.1", server.port()));
    return socket;
  }

  /** Sends {@code request}; the answer's status line without its reason, or "closed". */
  private static String request(Socket socket, String request) throws IOException {
    try {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.US_ASCII));
      out.flush();
      StringBuilder line = new StringBuilder();
      InputStream in = socket.getInputStream();
      int b;
      while ((b = in.read()) >= 0 && b != '\r') {
        line.append((char) b);
      }
      return line.length() == 0 ? "closed" : line.substring(0, Math.min(12, line.length()));
    } catch (SocketException e) {
      return "closed"; // reset by the server
    }
  }

  /** Reads until the server closes the connection: true when it did. */
  private static boolean drainToEnd(InputStream in) throws IOException {
    byte[] buffer = new byte[4096];
    try {
      while (in.read(buffer) >= 0) {
        // the rest of the response
      }
      return true;
    } catch (SocketException e) {
      return true;
    }
  }

  /** Runs {@code count} tasks at once (released together) and returns their results. */
  private static <T> List<T> inParallel(int count, Callable<T> task) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(count);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<T>> futures = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        futures.add(pool.submit(() -> {
          start.await();
          return task.call();
        }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }
}
