package io.pma.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.TestServer;
import io.pma.cluster.PostgresProcess;
import io.pma.domain.Json;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The last two admins remove each other at the same moment, through the real server, on SQLite and
 * on a real PostgreSQL: exactly one removal succeeds and an active admin always remains.
 */
class LastAdminRaceTest {
  private static final String PASSWORD = "race-admin-password";
  private static final int ROUNDS = 6;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  static Stream<Arguments> removals() {
    Supplier<Map<String, String>> sqlite = Map::of;
    Supplier<Map<String, String>> postgres = () -> Map.of("PMA_STORAGE_TYPE", "postgres",
        "PMA_STORAGE_POSTGRES_URL", PostgresProcess.shared().newDatabase());
    return Stream.of("demote", "disable", "delete").flatMap(kind -> Stream.of(
        Arguments.of(kind, "sqlite", sqlite), Arguments.of(kind, "postgres", postgres)));
  }

  @ParameterizedTest(name = "{0} on {1}")
  @MethodSource("removals")
  @DisplayName("two admins removing each other in parallel: exactly one succeeds")
  void parallelRemovalOfTheLastTwoAdmins(String kind, String database,
      Supplier<Map<String, String>> storage) {
    try (TestServer server = TestServer.start(storage.get())) {
      String survivorToken = server.adminToken();
      String survivorId = me(server, survivorToken);
      for (int round = 0; round < ROUNDS; round++) {
        String name = "second" + round;
        String otherId = server.request("POST", "/api/v1/users", survivorToken,
            Json.object().put("username", name).put("password", PASSWORD).set("roles",
                Json.MAPPER.valueToTree(List.of("admin", "user"))).toString()).json().get("id")
            .asText();
        String otherToken = server.login(name, PASSWORD);
        CompletableFuture<Integer> first = remove(server, kind, survivorToken, otherId);
        CompletableFuture<Integer> second = remove(server, kind, otherToken, survivorId);
        int a = first.join();
        int b = second.join();
        List<Integer> outcomes = List.of(a, b);
        assertThat(outcomes.stream().filter(s -> s == 200 || s == 204).count())
            .as("round " + round + ": " + outcomes).isEqualTo(1);
        assertThat(outcomes).as("round " + round).allMatch(s -> s == 200 || s == 204
            || s == 409 || s == 401);
        if (b == 200 || b == 204) {
          survivorToken = otherToken;
          survivorId = otherId;
        }
        assertThat(server.request("GET", "/api/v1/users", survivorToken, null).status())
            .as("round " + round + ": an admin is left and can act").isEqualTo(200);
      }
    }
  }

  private static String me(TestServer server, String token) {
    return server.request("GET", "/api/v1/auth/me", token, null).json().get("id").asText();
  }

  private static CompletableFuture<Integer> remove(TestServer server, String kind, String token,
      String targetId) {
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create(server.url("/api/v1/users/" + targetId))).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).header("Content-Type", "application/json");
    switch (kind) {
      case "demote":
        request.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"roles\":[\"user\"]}"));
        break;
      case "disable":
        request.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"disabled\":true}"));
        break;
      default:
        request.DELETE();
    }
    return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.discarding())
        .thenApply(HttpResponse::statusCode);
  }
}
