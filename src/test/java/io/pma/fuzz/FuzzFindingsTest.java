package io.pma.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.ServerRig;
import io.pma.TestServer;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What the fuzz suite found, each kept as a plain regression test against a real server. */
class FuzzFindingsTest {
  @RegisterExtension
  static final ServerRig rig = new ServerRig();

  @Test
  @DisplayName("a form-encoded body with a field longer than the form decoder allows is 415, not"
      + " 500 (found by HttpFuzzTest)")
  void longFormField() {
    for (String path : new String[] {"/api/v1/auth/login", "/api/v1/entities/a.b/state"}) {
      TestServer.Response response = TestServer.send(HttpRequest.newBuilder(
              URI.create(rig.server().url(path))).timeout(Duration.ofSeconds(15))
          .header("Authorization", "Bearer " + rig.admin())
          .header("Content-Type", "application/x-www-form-urlencoded")
          .method(path.endsWith("state") ? "PUT" : "POST",
              HttpRequest.BodyPublishers.ofString("[".repeat(5000)))
          .build());
      assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(415);
      assertThat(response.json().get("detail").asText())
          .isEqualTo("send the body as application/json");
    }
  }

  @Test
  @DisplayName("an HTTP/1.1 request without Host is 400, not 500, on every route (found by"
      + " HttpFuzzTest)")
  void missingHost() throws IOException {
    for (String target : new String[] {"/health", "/api/v1/entities", ")x", "/index.html"}) {
      for (String version : new String[] {"HTTP/1.1", "HTTP/9.9"}) {
        try (Socket socket = new Socket("127.0.0.1", rig.server().port())) {
          socket.setSoTimeout(15_000);
          socket.getOutputStream().write(("GET " + target + " " + version
              + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
          String response = new String(socket.getInputStream().readAllBytes(),
              StandardCharsets.ISO_8859_1);
          assertThat(response).as(target).startsWith(version + " 400 Bad Request")
              .contains("application/problem+json", "a valid Host header is required");
        }
      }
    }
  }

  @Test
  @DisplayName("a malformed Host header is 400 (found by HttpFuzzTest: Vert.x's parser threw and"
      + " the connection closed without a response)")
  void malformedHost() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", rig.server().port())) {
      socket.setSoTimeout(15_000);
      socket.getOutputStream().write(("GET /health HTTP/1.1\r\nHost: [::1\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(),
          StandardCharsets.ISO_8859_1);
      assertThat(response).startsWith("HTTP/1.1 400 Bad Request")
          .contains("a valid Host header is required");
    }
  }

  @Test
  @DisplayName("a malformed percent-escape is 400 before the router logs a stack trace for it"
      + " (found by HttpFuzzTest)")
  void malformedEscape() throws IOException {
    for (String target : new String[] {"/%", "/%zz", "/api/v1/entities/a%2"}) {
      try (Socket socket = new Socket("127.0.0.1", rig.server().port())) {
        socket.setSoTimeout(15_000);
        socket.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        String response = new String(socket.getInputStream().readAllBytes(),
            StandardCharsets.ISO_8859_1);
        assertThat(response).as(target).startsWith("HTTP/1.1 400 Bad Request")
            .contains("malformed percent-encoding");
      }
    }
  }

  @Test
  @DisplayName("a request target without a path is 400, not 500 (found by HttpFuzzTest)")
  void targetWithoutPath() throws IOException {
    try (Socket socket = new Socket("127.0.0.1", rig.server().port())) {
      socket.setSoTimeout(15_000);
      socket.getOutputStream().write(("GET ?x HTTP/1.1\r\nHost: 127.0.0.1\r\n"
          + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      String response = new String(socket.getInputStream().readAllBytes(),
          StandardCharsets.ISO_8859_1);
      assertThat(response).startsWith("HTTP/1.1 400 Bad Request")
          .contains("the request target must be a path");
    }
  }

  @Test
  @DisplayName("a multipart body is 415 before anything decodes it")
  void multipart() {
    TestServer.Response response = TestServer.send(HttpRequest.newBuilder(
            URI.create(rig.server().url("/api/v1/notifications"))).timeout(Duration.ofSeconds(15))
        .header("Authorization", "Bearer " + rig.admin())
        .header("Content-Type", "multipart/form-data; boundary=x")
        .POST(HttpRequest.BodyPublishers.ofString("--x\r\nContent-Disposition: form-data;"
            + " name=\"a\"\r\n\r\n" + "b".repeat(10_000) + "\r\n--x--\r\n"))
        .build());
    assertThat(response.status()).as(response.body()).isEqualTo(415);
  }
}
