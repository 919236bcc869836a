package io.pma.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.TestServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SecurityHeadersTest {
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  @DisplayName("the dashboard, the API (answers and errors) and /health carry CSP, nosniff, no framing and no referrer")
  void everyResponse() throws Exception {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", "3600000"))) {
      String token = server.adminToken();
      for (String path : List.of("/", "/index.html", "/app.js", "/health/live",
          "/api/v1/entities", "/api/v1/nothing-here", "/no-such-file")) {
        for (String bearer : new String[] {null, token}) {
          HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path)))
              .timeout(Duration.ofSeconds(10));
          if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
          }
          HttpHeaders headers = HTTP.send(request.build(), HttpResponse.BodyHandlers.discarding())
              .headers();
          String where = path + (bearer == null ? " anonymous" : " with a token");
          assertThat(headers.firstValue("Content-Security-Policy")).as(where).hasValueSatisfying(
              csp -> assertThat(csp).contains("default-src 'self'", "script-src 'self'",
                  "frame-ancestors 'none'", "object-src 'none'").doesNotContain("unsafe"));
          assertThat(headers.firstValue("X-Content-Type-Options")).as(where).contains("nosniff");
          assertThat(headers.firstValue("X-Frame-Options")).as(where).contains("DENY");
          assertThat(headers.firstValue("Referrer-Policy")).as(where).contains("no-referrer");
        }
      }
    }
  }
}
