package io.pma.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.pma.ServerRig;
import io.pma.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a peer can send over HTTP, fuzzed: request lines and headers on a raw socket (methods,
 * targets, versions, header names and values, sizes, framing), and the bodies of every REST
 * endpoint that takes one: login and refresh without a token, the others with an admin's. Each
 * request must get a response that is not a 5xx (client errors are 4xx with a problem body), and
 * /health/live keeps answering.
 */
class HttpFuzzTest {
  private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE",
      "HEAD", "OPTIONS", "TRACE", "CONNECT", "PRI", "get", "G\u00c9T", "", "FOO BAR");
  private static final List<String> PATHS = List.of("/", "/health", "/health/live",
      "/health/ready", "/metrics", "/ws", "/api", "/api/v1", "/api/v1/entities",
      "/api/v1/entities/light.kitchen", "/api/v1/entities/..%2f..%2fetc", "/api/v1/auth/login",
      "/api/v1/auth/refresh", "/api/v1/users/%00", "/api/v1/users/../../x", "*",
      "http://evil.example/", "/%", "/%zz", "/\u00e9", "/a?b=%", "/api/v1/entities?limit=-1",
      "/index.html", "/dashboard/../../../etc/passwd", "//", "/api/v1/automations/%ff");
  private static final List<String> VERSIONS = List.of("HTTP/1.1", "HTTP/1.0", "HTTP/2.0",
      "HTTP/0.9", "HTTP/9.9", "HTTP/1.1x", "", "http/1.1", "HTTP/1.1 extra");
  private static final List<String> HEADERS = List.of("Host", "Content-Length",
      "Transfer-Encoding", "Content-Type", "Authorization", "Upgrade", "Connection", "Origin",
      "Sec-WebSocket-Key", "Sec-WebSocket-Version", "Sec-WebSocket-Extensions", "Accept",
      "Accept-Encoding", "Cookie", "X-Forwarded-For", "Expect", "Range");
  /** Endpoints with bodies: {method, path, needs a token}. */
  private static final List<String[]> BODIES = List.of(
      new String[] {"POST", "/api/v1/auth/login", ""},
      new String[] {"POST", "/api/v1/auth/refresh", ""},
      new String[] {"POST", "/api/v1/auth/refresh", "token"},
      new String[] {"POST", "/api/v1/auth/tokens", "token"},
      new String[] {"POST", "/api/v1/users", "token"},
      new String[] {"PATCH", "/api/v1/users/{victim}", "token"},
      new String[] {"PATCH", "/api/v1/users/nobody", "token"},
      new String[] {"PUT", "/api/v1/entities/sensor.fuzz/state", "token"},
      new String[] {"PUT", "/api/v1/entities/{text}/state", "token"},
      new String[] {"POST", "/api/v1/entities/light.fuzz/action", "token"},
      new String[] {"POST", "/api/v1/notifications", "token"},
      new String[] {"POST", "/api/v1/automations", "token"},
      new String[] {"PUT", "/api/v1/automations/fuzz", "token"},
      new String[] {"POST", "/api/v1/automations/fuzz/trigger", "token"},
      new String[] {"GET", "/api/v1/entities?{text}", "token"},
      new String[] {"GET", "/api/v1/notifications?{text}", "token"});
  private static final List<String> CONTENT_TYPES = List.of("application/json",
      "application/json; charset=utf-8", "text/plain", "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x", "application/json; charset=utf-16", "");
  /** Refused by the HTTP decoder before any PMA code runs (URI or headers too long): no body. */
  private static final Set<Integer> HTTP_CODEC_REFUSALS = Set.of(400, 413, 414, 431);
  private static final HttpClient HTTP = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
  @RegisterExtension
  static final ServerRig rig = new ServerRig(ServerRig.STILL_DEMO);
  private static String victimId;

  @BeforeAll
  static void start() {
    TestServer.Response victim = rig.server().request("POST", "/api/v1/users", rig.admin(),
        "{\"username\":\"fuzz-victim\",\"password\":\"a-long-fuzz-password\","
            + "\"roles\":[\"user\"]}");
    assertThat(victim.status()).as(victim.body()).isEqualTo(201);
    victimId = victim.json().get("id").asText();
  }

  @Test
  @DisplayName("fuzzed request lines and headers get a response below 500 and leave the server"
      + " healthy")
  void fuzzRequestLinesAndHeaders() throws IOException {
    FuzzRun run = FuzzRun.start("http-raw");
    Random random = run.random();
    FuzzInputs inputs = new FuzzInputs(random);
    while (run.next()) {
      byte[] request = request(inputs, random);
      String shown = new String(request, StandardCharsets.ISO_8859_1);
      String status = exchange(request);
      if (status == null) {
        fail("no response: " + run.where(shown));
      }
      if (!status.isEmpty()) {
        assertThat(status).as(run.where(shown)).matches("HTTP/\\d\\.\\d [1-4]\\d\\d.*");
      }
      if (run.inputs() % 100 == 0) {
        assertHealthy(run, shown);
      }
    }
    assertHealthy(run, "(end)");
  }

  @Test
  @DisplayName("fuzzed REST bodies, with and without a token, get a 2xx or a 4xx problem, never a"
      + " 5xx")
  void fuzzBodies() {
    FuzzRun run = FuzzRun.start("rest");
    Random random = run.random();
    FuzzInputs inputs = new FuzzInputs(random);
    while (run.next()) {
      String[] endpoint = inputs.pick(BODIES);
      String path = endpoint[1].replace("{victim}", victimId)
          .replace("{text}", urlish(inputs.string()));
      String body = random.nextInt(3) == 0 ? inputs.json() : inputs.object(3);
      HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(rig.server().url(path)))
          .timeout(Duration.ofSeconds(15))
          .method(endpoint[0], "GET".equals(endpoint[0]) ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString(body));
      String contentType = random.nextInt(4) == 0 ? inputs.pick(CONTENT_TYPES) : "application/json";
      if (!contentType.isEmpty()) {
        builder.header("Content-Type", contentType);
      }
      if (!endpoint[2].isEmpty()) {
        builder.header("Authorization", "Bearer " + rig.admin());
      }
      String shown = endpoint[0] + " " + path + " " + contentType + " " + body;
      TestServer.Response response = send(builder.build(), run, shown);
      assertThat(response.status()).as(run.where(shown) + " -> " + response.body()).isLessThan(500);
      if (response.status() >= 400 && !HTTP_CODEC_REFUSALS.contains(response.status())) {
        assertThat(response.contentType()).as(run.where(shown) + " -> " + response.status())
            .contains("problem+json");
      }
      if (run.inputs() % 100 == 0) {
        assertThat(rig.server().request("GET", "/health/live", null, null).status())
            .as(run.where(shown)).isEqualTo(200);
      }
    }
  }

  /**
   * Over HTTP/1.1: these inputs are for PMA's code, not for the client's h2c upgrade. Tried twice:
   * a kept-alive connection the server closed after refusing a body unread (415, 413) fails the
   * next request sent on it before any byte reaches the server.
   */
  private static TestServer.Response send(HttpRequest request, FuzzRun run, String shown) {
    try {
      HttpResponse<String> response;
      try {
        response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException staleConnection) {
        response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      }
      return new TestServer.Response(response.statusCode(), response.body(),
          response.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new AssertionError("no response: " + run.where(shown), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String urlish(String text) {
    return java.net.URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  private static byte[] request(FuzzInputs inputs, Random random) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    String target = random.nextInt(10) == 0 ? "/" + "a".repeat(random.nextInt(20_000))
        : random.nextInt(5) == 0 ? inputs.text(random.nextInt(40)).replace("\r", "")
            .replace("\n", "") : inputs.pick(PATHS);
    String line = random.nextInt(20) == 0 ? inputs.text(random.nextInt(100))
        : inputs.pick(METHODS) + " " + target + " " + inputs.pick(VERSIONS);
    write(out, line.replace("\n", "") + "\r\n");
    if (random.nextInt(4) != 0) {
      write(out, "Host: 127.0.0.1:" + rig.server().port() + "\r\n");
    }
    int headers = random.nextInt(6);
    byte[] body = random.nextBoolean() ? inputs.utf8(inputs.json()) : new byte[0];
    for (int i = 0; i < headers; i++) {
      String name = random.nextInt(6) == 0 ? inputs.text(random.nextInt(20)) : inputs.pick(HEADERS);
      String value;
      if ("Content-Length".equals(name)) {
        // Never more than is sent: a server waiting for promised bytes is right to wait.
        value = random.nextBoolean() ? Integer.toString(random.nextInt(body.length + 1))
            : inputs.pick(List.of("-1", "abc", "1e3", "99999999999999999999", " 0", "0, 0"));
      } else {
        value = random.nextInt(10) == 0 ? "x".repeat(random.nextInt(20_000))
            : random.nextBoolean() ? inputs.string() : inputs.pick(List.of("chunked", "gzip",
                "Upgrade", "websocket", "close", "Bearer x.y.z", "100-continue", "13",
                "bytes=0-", "identity, chunked"));
      }
      write(out, name.replace("\r", "").replace("\n", "") + ": "
          + value.replace("\r", "").replace("\n", "") + "\r\n");
    }
    write(out, "Connection: close\r\n\r\n");
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Sends the bytes and returns the response's status line; "" when the server closed without
   * one (it may drop what it cannot parse as HTTP at all), null when it answered nothing in time.
   */
  private static String exchange(byte[] request) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", rig.server().port())) {
      socket.setSoTimeout(15_000);
      try {
        socket.getOutputStream().write(request);
        socket.shutdownOutput();
      } catch (IOException closedEarly) {
        // The server may answer and close before reading all of it (e.g. 431): read the answer.
      }
      InputStream in = socket.getInputStream();
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      try {
        int b;
        while ((b = in.read()) >= 0 && b != '\n') {
          line.write(b);
        }
      } catch (SocketTimeoutException e) {
        return null;
      } catch (IOException reset) {
        // fall through with what arrived
      }
      return line.toString(StandardCharsets.ISO_8859_1).trim();
    }
  }

  private static void assertHealthy(FuzzRun run, String lastInput) {
    assertThat(rig.server().request("GET", "/health/live", null, null).status())
        .as("health after " + run.where(lastInput)).isEqualTo(200);
  }
}
