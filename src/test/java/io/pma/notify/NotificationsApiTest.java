package io.pma.notify;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.Await;
import io.pma.BrokerEvents;
import io.pma.ProblemResponses;
import io.pma.TestServer;
import io.pma.TestServer.Response;
import io.pma.domain.Json;
import io.pma.domain.Notification;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NotificationsApiTest {
  private static String createUser(TestServer server, String name) {
    Response created = server.request("POST", "/api/v1/users", server.adminToken(),
        "{\"username\":\"" + name + "\",\"password\":\"" + name + "-password-1\",\"roles\":[\"user\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("id").asText();
  }

  private static String body(String title, String message, String level, String userId) {
    var body = Json.object().put("title", title).put("message", message).put("level", level);
    if (userId != null) {
      body.put("user_id", userId);
    }
    return body.toString();
  }

  private static Response send(TestServer server, String token, String json) {
    return server.request("POST", "/api/v1/notifications", token, json);
  }

  private static List<String> titles(Response list) {
    assertThat(list.status()).as(list.body()).isEqualTo(200);
    List<String> titles = new ArrayList<>();
    list.json().forEach(n -> titles.add(n.get("title").asText()));
    return titles;
  }

  /** A problem whose detail is exactly {@code detail}. */
  private static void assertProblemDetail(Response r, int status, String detail) {
    assertThat(ProblemResponses.assertProblem(r, status).get("detail").asText()).isEqualTo(detail);
  }

  @Test
  @DisplayName("a valid notification is stored, answered 201 and published as notification with the same payload")
  void broadcast() {
    try (TestServer server = TestServer.start()) {
      BrokerEvents events = BrokerEvents.attach(server.server());
      Response r = send(server, server.adminToken(),
          body("Door left open", "The garage door is open", "warning", null));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      JsonNode sent = r.json();
      List<String> keys = new ArrayList<>();
      sent.fieldNames().forEachRemaining(keys::add);
      assertThat(keys).containsExactly("id", "title", "message", "level", "source", "user_id",
          "created_at");
      assertThat(sent.get("source").asText()).isEqualTo("user:admin");
      assertThat(sent.get("user_id").isNull()).isTrue();
      assertThat(Instant.parse(sent.get("created_at").asText()))
          .isBetween(Instant.now().minusSeconds(10), Instant.now());
      Notification published = events.await(Notification.class, n -> true, Await.TIMEOUT);
      assertThat(Json.toObject(published)).isEqualTo(sent);
    }
  }

  @Test
  @DisplayName("bad input gets problem+json naming the field: malformed, oversized, unknown level, unknown user, unauthorised")
  void validation() {
    try (TestServer server = TestServer.start()) {
      String admin = server.adminToken();
      assertProblemDetail(send(server, admin, "{\"title\":"), 400, "malformed JSON");
      assertProblemDetail(send(server, admin, "[1]"), 400, "the body must be a JSON object");
      Response text = TestServer.send(HttpRequest.newBuilder(
              URI.create(server.url("/api/v1/notifications")))
          .header("Authorization", "Bearer " + admin).header("Content-Type", "text/plain")
          .POST(HttpRequest.BodyPublishers.ofString("hello")).build());
      assertThat(text.status()).isEqualTo(415);
      assertProblemDetail(send(server, admin, "{\"message\":\"m\",\"level\":\"info\"}"), 422,
          "'title' is required");
      assertProblemDetail(send(server, admin, body("x".repeat(201), "m", "info", null)), 422,
          "'title' is longer than 200");
      assertProblemDetail(send(server, admin, body("t", "m".repeat(2001), "info", null)), 422,
          "'message' is longer than 2000");
      assertProblemDetail(send(server, admin, body("t", "m", "fatal", null)), 422,
          "'level' must be one of info, success, warning, error");
      assertProblemDetail(send(server, admin, "{\"title\":\"t\",\"message\":\"m\",\"level\":3}"), 422,
          "'level' must be a string");
      assertProblemDetail(send(server, admin, body("  ", "m", "info", null)), 422,
          "'title' must not be blank");
      assertProblemDetail(send(server, admin, body("t", "m", "info", "no-such-user")), 422,
          "'user_id' names no user");
      assertProblemDetail(send(server, admin,
          "{\"title\":\"t\",\"message\":\"m\",\"level\":\"info\",\"color\":\"red\"}"), 422,
          "unknown field 'color'");
      assertProblemDetail(send(server, null, body("t", "m", "info", null)), 401,
          "a bearer token is required");
      assertThat(send(server, "not.a.token", body("t", "m", "info", null)).status())
          .isEqualTo(401);
      assertProblemDetail(server.request("GET", "/api/v1/notifications?limit=abc", admin, null), 400,
          "limit must be a number from 1 to 1000");
      assertThat(server.request("GET", "/api/v1/notifications", null, null).status())
          .isEqualTo(401);
      assertThat(send(server, admin, body("x".repeat(200), "m".repeat(2000), "error", null))
          .status()).isEqualTo(201);
      assertThat(titles(server.request("GET", "/api/v1/notifications", admin, null)))
          .containsExactly("x".repeat(200));
    }
  }

  @Test
  @DisplayName("each user sees the broadcasts and their own, newest first; an admin sees all")
  void visibility() {
    try (TestServer server = TestServer.start()) {
      String admin = server.adminToken();
      String aliceId = createUser(server, "alice");
      String bobId = createUser(server, "bob");
      String alice = server.login("alice", "alice-password-1");
      String bob = server.login("bob", "bob-password-1");
      assertThat(send(server, admin, body("for everyone", "m", "info", null)).status())
          .isEqualTo(201);
      assertThat(send(server, admin, body("for alice", "m", "success", aliceId)).status())
          .isEqualTo(201);
      Response fromAlice = send(server, alice, body("alice to bob", "m", "info", bobId));
      assertThat(fromAlice.status()).isEqualTo(201);
      assertThat(fromAlice.json().get("source").asText()).isEqualTo("user:alice");
      assertThat(fromAlice.json().get("user_id").asText()).isEqualTo(bobId);

      assertThat(titles(server.request("GET", "/api/v1/notifications", alice, null)))
          .containsExactly("for alice", "for everyone");
      assertThat(titles(server.request("GET", "/api/v1/notifications", bob, null)))
          .containsExactly("alice to bob", "for everyone");
      assertThat(titles(server.request("GET", "/api/v1/notifications", admin, null)))
          .containsExactly("alice to bob", "for alice", "for everyone");
      assertThat(titles(server.request("GET", "/api/v1/notifications?limit=1", admin, null)))
          .containsExactly("alice to bob");
    }
  }

  @Test
  @DisplayName("notifications survive a restart, and only the newest notifications.keep are kept")
  void persistence() {
    try (TestServer server = TestServer.start(Map.of("PMA_NOTIFICATIONS_KEEP", "3"))) {
      String admin = server.adminToken();
      for (int i = 1; i <= 5; i++) {
        assertThat(send(server, admin, body("n" + i, "m", "info", null)).status()).isEqualTo(201);
      }
      Response before = server.request("GET", "/api/v1/notifications", admin, null);
      assertThat(titles(before)).containsExactly("n5", "n4", "n3");
      server.restart();
      Response after = server.request("GET", "/api/v1/notifications", server.adminToken(), null);
      assertThat(after.json()).isEqualTo(before.json());
    }
  }
  @Test
  @DisplayName("an automation's notify action goes through the same path: stored, visible, published")
  void fromAutomation() {
    try (TestServer server = TestServer.start()) {
      String admin = server.adminToken();
      BrokerEvents events = BrokerEvents.attach(server.server());
      Response created = server.request("POST", "/api/v1/automations", admin,
          "{\"id\":\"doorbell\",\"name\":\"Doorbell\",\"triggers\":[{\"type\":\"manual\"}],"
          + "\"actions\":[{\"type\":\"notify\",\"message\":\"Someone is at the door\","
          + "\"level\":\"success\"}]}");
      assertThat(created.status()).as(created.body()).isEqualTo(201);
      assertThat(server.request("POST", "/api/v1/automations/doorbell/trigger", admin, null)
          .status()).isLessThan(300);
      Notification published = events.await(Notification.class, n -> true, Await.TIMEOUT);
      assertThat(published.source()).isEqualTo("automation:doorbell");
      assertThat(published.message()).isEqualTo("Someone is at the door");
      assertThat(published.level()).isEqualTo("success");
      // Published within the run's step, stored right after.
      JsonNode stored = awaitList(server, admin, 1);
      // The list adds the caller's own marks (docs/API.md): not read, not dismissed yet.
      assertThat(stored.get(0)).isEqualTo(Json.toObject(published).put("read", false)
          .put("dismissed", false));
    }
  }

  private static JsonNode awaitList(TestServer server, String token, int size) {
    return Await.value(size + " stored notifications", () -> {
      JsonNode list = server.request("GET", "/api/v1/notifications", token, null).json();
      return list.size() >= size ? list : null;
    });
  }
}
