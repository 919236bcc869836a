package io.pma.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.Await;
import io.pma.TestServer;
import io.pma.WsTestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** System notifications (performance alerts, adapters lost and back) reach admins only. */
class SystemNotificationsTest {
  private static final String ALERT = "Performance alert: event_loop_blocked_ms";

  @Test
  @DisplayName("a performance alert reaches admins' sockets and lists, not users', kiosks' or anonymous ones")
  void performanceAlertForAdminsOnly() {
    try (TestServer server = TestServer.start(Map.of("PMA_SYSTEM_SAMPLE_INTERVAL_MS", "100",
        "PMA_SYSTEM_ALERTS_EVENT_LOOP_BLOCKED_MS", "1000"))) {
      String admin = server.adminToken();
      server.request("POST", "/api/v1/users", admin,
          "{\"username\":\"resident\",\"password\":\"resident-password\",\"roles\":[\"user\"]}");
      String user = server.login("resident", "resident-password");
      String kiosk = server.request("POST", "/api/v1/auth/tokens", admin,
          "{\"name\":\"hall\",\"expires_in_days\":1,\"topics\":[\"entity_updates:light.*\"]}")
          .json().get("token").asText();
      try (WsTestClient adminSocket = WsTestClient.connect(server).authenticate(admin);
          WsTestClient userSocket = WsTestClient.connect(server).authenticate(user);
          WsTestClient kioskSocket = WsTestClient.connect(server).authenticate(kiosk);
          WsTestClient anonymous = WsTestClient.connect(server)) {
        server.server().vertx().runOnContext(v -> {
          try {
            Thread.sleep(2500);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
        JsonNode alert = adminSocket.first("notification");
        assertThat(alert.at("/data/title").asText()).isEqualTo(ALERT);
        assertThat(alert.at("/data/user_id").asText()).isEqualTo("@admins");
        // A broadcast sent after the alert: each other socket's first notification must be it.
        assertThat(server.request("POST", "/api/v1/notifications", admin,
            "{\"title\":\"marker\",\"message\":\"after the alert\",\"level\":\"info\"}").status())
            .isEqualTo(201);
        for (WsTestClient socket : List.of(userSocket, kioskSocket, anonymous)) {
          assertThat(socket.first("notification").at("/data/title").asText()).isEqualTo("marker");
        }
      }
      Await.until("the alert to be stored", () -> titles(server, admin).contains(ALERT));
      assertThat(titles(server, user)).contains("marker").doesNotContain(ALERT);
      assertThat(titles(server, kiosk)).contains("marker").doesNotContain(ALERT);
    }
  }

  private static List<String> titles(TestServer server, String token) {
    List<String> titles = new ArrayList<>();
    server.request("GET", "/api/v1/notifications", token, null).json()
        .forEach(n -> titles.add(n.get("title").asText()));
    return titles;
  }
}
