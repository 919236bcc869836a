package io.pma.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.TestServer;
import io.pma.TestServer.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HealthTest {
  @Test
  @DisplayName("a broken database makes /health say down (503) and /health/ready 503, while live stays 200")
  void brokenDatabase() {
    try (TestServer server = TestServer.start()) {
      assertThat(server.request("GET", "/health", null, null).status()).isEqualTo(200);
      server.server().database().close();
      Response health = server.request("GET", "/health", null, null);
      assertThat(health.status()).isEqualTo(503);
      assertThat(health.json().get("status").asText()).isEqualTo("down");
      assertThat(health.json().at("/checks/database/status").asText()).isEqualTo("down");
      assertThat(server.request("GET", "/health/ready", null, null).status()).isEqualTo(503);
      assertThat(server.request("GET", "/health/live", null, null).status()).isEqualTo(200);
    }
  }
}
