package io.pma.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.TestServer;
import io.pma.domain.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Password guessing through the real server: parallel bursts, an attacker locking out the owner,
 * and the per-address limit. The loopback network 127.0.0.0/8 gives each client its own address.
 */
class LoginAttackTest {
  private static final String ATTACKER = "127.0.0.1";
  private static final String OWNER = "127.0.0.2";
  private static final String WRONG = "{\"username\":\"admin\",\"password\":\"wrong-guess-1\"}";
  private static final String RIGHT = Json.object().put("username", "admin")
      .put("password", TestServer.ADMIN_PASSWORD).toString();

  @Test
  @DisplayName("200 parallel wrong logins from one address: no more password checks than the limit")
  void parallelBurstChecksAtMostTheLimit() {
    // The per-address connection cap (128) would turn some sockets away before they log in; this
    // test is about the login throttle, so every attempt must reach it.
    try (TestServer server = TestServer.start(
        Map.of("PMA_SERVER_MAX_CONNECTIONS_PER_ADDRESS", "1000"))) {
      // HTTP/1.1: one connection per request, all open at once (HTTP/2 would multiplex them on one
      // connection and stop at its stream limit).
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<CompletableFuture<Integer>> sent = new ArrayList<>();
      long started = System.nanoTime();
      for (int i = 0; i < 200; i++) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/api/v1/auth/login")))
            .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(WRONG)).build();
        sent.add(client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
            .thenApply(HttpResponse::statusCode));
      }
      Map<Integer, Long> statuses = sent.stream().map(CompletableFuture::join)
          .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
      long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();
      // Every 401 is a real bcrypt check; every other attempt was turned away before it. Five are
      // free; after them the delays 1 s, 2 s, 4 s... let one more through each, so a burst that
      // lasted s seconds gets at most 5 + log2(s + 1) checks.
      long allowed = 5 + (63 - Long.numberOfLeadingZeros(seconds + 1));
      assertThat(statuses.getOrDefault(401, 0L)).as(statuses + " in " + seconds + " s")
          .isBetween(5L, allowed);
      assertThat(statuses.getOrDefault(401, 0L) + statuses.getOrDefault(429, 0L)).isEqualTo(200);
    }
  }

  @Test
  @DisplayName("an attacker's failures delay the attacker's address; the owner logs in from another")
  void ownerStillLogsInFromAnotherAddress() throws IOException {
    try (TestServer server = TestServer.start()) {
      for (int i = 0; i < 5; i++) {
        assertThat(post(server, ATTACKER, WRONG)).isEqualTo(401);
      }
      assertThat(post(server, ATTACKER, WRONG)).as("the sixth guess waits").isEqualTo(429);
      assertThat(post(server, ATTACKER, RIGHT))
          .as("even the right password waits on the attacker's address").isEqualTo(429);
      assertThat(post(server, OWNER, RIGHT)).as("the owner from home").isEqualTo(200);
    }
  }

  @Test
  @DisplayName("the per-address limit spans usernames: 20 failures, then 429 for any username")
  void perAddressLimit() throws IOException {
    try (TestServer server = TestServer.start()) {
      for (int i = 0; i < 20; i++) {
        assertThat(post(server, ATTACKER, "{\"username\":\"user" + i
            + "\",\"password\":\"wrong-guess-1\"}")).isEqualTo(401);
      }
      assertThat(post(server, ATTACKER, "{\"username\":\"someone\",\"password\":\"x-y-z-1\"}"))
          .isEqualTo(429);
      assertThat(post(server, OWNER, RIGHT)).isEqualTo(200);
    }
  }

  /** POSTs a login from local address {@code from} over a plain socket; the status code. */
  private static int post(TestServer server, String from, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    try (Socket socket = new Socket()) {
      socket.bind(new InetSocketAddress(InetAddress.getByName(from), 0));
      socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
      socket.setSoTimeout(30_000);
      OutputStream out = socket.getOutputStream();
      out.write(("POST /api/v1/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + bytes.length
          + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      out.write(bytes);
      out.flush();
      InputStream in = socket.getInputStream();
      String statusLine = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      return Integer.parseInt(statusLine.substring(9, 12));
    }
  }
}
