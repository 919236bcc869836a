package io.pma.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.ManualTime;
import io.pma.TestServer.Response;
import io.pma.TestServer;
import io.pma.WsTestClient;
import io.pma.cluster.PostgresProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code POST /auth/refresh} against the real server: lineage, rotation, absolute lifetime. */
class RefreshLineageTest {
  private static Response refresh(TestServer server, String token) {
    return server.request("POST", "/api/v1/auth/refresh", token, null);
  }

  @Test
  @DisplayName("a session refreshed from a long-lived token ends when that token is revoked, socket included")
  void refreshedSessionDiesWithItsLongLivedParent() {
    try (TestServer server = TestServer.start()) {
      String admin = server.adminToken();
      Response created = server.request("POST", "/api/v1/auth/tokens", admin,
          "{\"name\":\"tablet\",\"expires_in_days\":30}");
      String longLived = created.json().get("token").asText();
      Response first = refresh(server, longLived);
      Response second = refresh(server, longLived);
      assertThat(first.status()).isEqualTo(200);
      assertThat(second.status()).as("a long-lived token stays valid when refreshed")
          .isEqualTo(200);
      String session = first.json().get("token").asText();
      String again = refresh(server, second.json().get("token").asText()).json().get("token")
          .asText();
      try (WsTestClient socket = WsTestClient.connect(server).authenticate(session)) {
        socket.subscribe("entity_updates");
        assertThat(server.request("DELETE", "/api/v1/auth/tokens/"
            + created.json().get("id").asText(), admin, null).status()).isEqualTo(204);
        assertThat(socket.first("authentication_expired").at("/data/revoked_topics").toString())
            .contains("entity_updates");
      }
      for (String token : List.of(longLived, session, again)) {
        assertThat(server.request("GET", "/api/v1/auth/me", token, null).status())
            .isEqualTo(401);
        assertThat(refresh(server, token).status()).isEqualTo(401);
      }
    }
  }

  @Test
  @DisplayName("refresh rotates: the presented session token is spent; a second refresh of it is a 401")
  void refreshRotates() {
    try (TestServer server = TestServer.start()) {
      String session = server.adminToken();
      Response refreshed = refresh(server, session);
      assertThat(refreshed.status()).isEqualTo(200);
      String next = refreshed.json().get("token").asText();
      assertThat(server.request("GET", "/api/v1/auth/me", session, null).status())
          .isEqualTo(401);
      assertThat(refresh(server, session).status()).isEqualTo(401);
      assertThat(server.request("GET", "/api/v1/auth/me", next, null).status()).isEqualTo(200);
      assertThat(refresh(server, next).status()).isEqualTo(200);
    }
  }

  static Stream<Arguments> storages() {
    Supplier<Map<String, String>> sqlite = Map::of;
    Supplier<Map<String, String>> postgres = () -> Map.of("PMA_STORAGE_TYPE", "postgres",
        "PMA_STORAGE_POSTGRES_URL", PostgresProcess.shared().newDatabase());
    return Stream.of(Arguments.of("sqlite", sqlite), Arguments.of("postgres", postgres));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("storages")
  @DisplayName("ten parallel refreshes of one session token: exactly one succeeds")
  void parallelRefreshesOfOneToken(String database, Supplier<Map<String, String>> storage) {
    try (TestServer server = TestServer.start(storage.get())) {
      String session = server.adminToken();
      HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
      List<CompletableFuture<Integer>> sent = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        sent.add(client.sendAsync(HttpRequest.newBuilder(
                URI.create(server.url("/api/v1/auth/refresh"))).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + session)
                .POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.discarding()).thenApply(HttpResponse::statusCode));
      }
      List<Integer> statuses = sent.stream().map(CompletableFuture::join).toList();
      assertThat(statuses.stream().filter(s -> s == 200).count()).as(statuses.toString())
          .isEqualTo(1);
      assertThat(statuses.stream().filter(s -> s == 401).count()).as(statuses.toString())
          .isEqualTo(9);
    }
  }

  @Test
  @DisplayName("a refresh chain ends auth.session_lifetime_days after the password login")
  void absoluteLifetime() {
    Instant start = Instant.parse("2026-03-01T08:00:00Z");
    ManualTime time = new ManualTime(start);
    try (TestServer server = TestServer.start(Map.of("PMA_AUTH_SESSION_LIFETIME_DAYS", "1",
        "PMA_AUTH_TOKEN_TTL_MINUTES", "600"), time)) {
      Instant end = start.plus(Duration.ofDays(1));
      String token = server.adminToken();
      for (int hour = 8; hour <= 24; hour += 8) {
        time.advance(Duration.ofHours(8).minusMinutes(1));
        Response refreshed = refresh(server, token);
        assertThat(refreshed.status()).as("after " + hour + " h").isEqualTo(200);
        Instant expires = Instant.parse(refreshed.json().get("expires_at").asText());
        assertThat(expires).as("after " + hour + " h").isBeforeOrEqualTo(end);
        token = refreshed.json().get("token").asText();
      }
      time.advanceTo(end.plusSeconds(60));
      Response late = refresh(server, token);
      assertThat(late.status()).isEqualTo(401);
      JsonNode me = server.request("GET", "/api/v1/auth/me", token, null).json();
      assertThat(me.get("status").asInt()).isEqualTo(401);
      assertThat(server.login("admin", TestServer.ADMIN_PASSWORD))
          .as("a new password login starts a new chain").isNotBlank();
    }
  }
}
