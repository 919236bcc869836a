package io.pma.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.TestServer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Read and dismissed per user, through a real server, kept across a restart. */
class NotificationMarksApiTest {

  @Test
  @DisplayName("read, dismiss and read_all are per user, counted in unread_count, and survive a restart; bad calls get clear errors")
  void marksPerUser() {
    try (TestServer server = TestServer.start(Map.of())) {
      String admin = server.adminToken();
      assertThat(server.request("POST", "/api/v1/users", admin,
          "{\"username\":\"bob\",\"password\":\"bob-password-1\",\"roles\":[\"user\"]}").status()).isEqualTo(201);
      String bob = server.login("bob", "bob-password-1");
      String first = send(server, admin, "First");
      send(server, admin, "Second");
      assertThat(unread(server, bob)).isEqualTo(2);

      assertThat(server.request("POST", "/api/v1/notifications/" + first + "/read", bob, null).status()).isEqualTo(204);
      assertThat(unread(server, bob)).isEqualTo(1);
      assertThat(unread(server, admin)).as("another user's marks are not mine").isEqualTo(2);
      JsonNode list = server.request("GET", "/api/v1/notifications", bob, null).json();
      JsonNode firstItem = list.get(1);
      assertThat(firstItem.path("id").asText()).isEqualTo(first);
      assertThat(firstItem.path("read").asBoolean()).isTrue();
      assertThat(firstItem.path("dismissed").asBoolean()).isFalse();

      assertThat(server.request("POST", "/api/v1/notifications/" + first + "/dismiss", bob, null).status()).isEqualTo(204);
      assertThat(server.request("POST", "/api/v1/notifications/read_all", bob, null).status()).isEqualTo(204);
      assertThat(unread(server, bob)).isZero();

      server.restart();
      bob = server.login("bob", "bob-password-1");
      assertThat(unread(server, bob)).isZero();
      assertThat(server.request("GET", "/api/v1/notifications", bob, null).json().get(1).path("dismissed")
          .asBoolean()).isTrue();

      assertThat(server.request("POST", "/api/v1/notifications/nope/read", bob, null).status()).isEqualTo(404);
      assertThat(server.request("POST", "/api/v1/notifications/" + "x".repeat(65) + "/read", bob, null).status())
          .isEqualTo(400);
      assertThat(server.request("POST", "/api/v1/notifications/" + first + "/read", null, null).status()).isEqualTo(401);
      assertThat(server.request("GET", "/api/v1/notifications/unread_count", null, null).status()).isEqualTo(401);
    }
  }

  @Test
  @DisplayName("read_all and dismiss fired in parallel by one user all succeed, once each, in one transaction per call")
  void parallelMarks() {
    try (TestServer server = TestServer.start(Map.of())) {
      String admin = server.adminToken();
      List<String> ids = IntStream.range(0, 40).mapToObj(i -> send(server, admin, "N" + i)).toList();
      List<CompletableFuture<TestServer.Response>> calls = IntStream.range(0, 16)
          .mapToObj(i -> CompletableFuture.supplyAsync(() -> server.request("POST", i % 2 == 0
              ? "/api/v1/notifications/read_all" : "/api/v1/notifications/" + ids.get(i) + "/dismiss",
              admin, null))).toList();
      calls.forEach(call -> assertThat(call.join().status()).isEqualTo(204));
      assertThat(unread(server, admin)).isZero();
      JsonNode list = server.request("GET", "/api/v1/notifications?limit=100", admin, null).json();
      long dismissed = 0;
      for (JsonNode item : list) {
        dismissed += item.path("dismissed").asBoolean() ? 1 : 0;
      }
      assertThat(dismissed).isEqualTo(8);
    }
  }

  private static String send(TestServer server, String token, String title) {
    TestServer.Response r = server.request("POST", "/api/v1/notifications", token,
        "{\"title\":\"" + title + "\",\"message\":\"m\",\"level\":\"info\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json().path("id").asText();
  }

  private static long unread(TestServer server, String token) {
    return server.request("GET", "/api/v1/notifications/unread_count", token, null).json().path("unread").asLong();
  }
}
