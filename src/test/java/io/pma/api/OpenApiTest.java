package io.pma.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.OpenApiContract;
import io.pma.TestServer;
import io.pma.TestServer.Response;
import io.pma.cli.Version;
import io.pma.domain.Json;
import io.pma.transport.ServedRoute;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code src/main/resources/openapi.yaml} true: the routes of the real router against the
 * document's operations, the served document against the file, and every operation exercised once
 * with its answer validated ({@link OpenApiContract}, through {@link TestServer#send}).
 */
class OpenApiTest {
  private static final String HOW_TO_ADD = "add each under `paths` in"
      + " src/main/resources/openapi.yaml (how: the comment at its top)";

  @Test
  @DisplayName("every route the router serves is in openapi.yaml, and openapi.yaml lists nothing else")
  void routesMatchTheDocument() {
    try (TestServer server = TestServer.start()) {
      Set<String> served = new LinkedHashSet<>();
      for (ServedRoute route : server.server().routes()) {
        served.add(route.toString());
      }
      Set<String> documented = new LinkedHashSet<>(OpenApiContract.operations());
      Set<String> undocumented = new LinkedHashSet<>(served);
      undocumented.removeAll(documented);
      Set<String> notServed = new LinkedHashSet<>(documented);
      notServed.removeAll(served);
      assertThat(undocumented).as("routes the router serves that openapi.yaml lacks: "
          + HOW_TO_ADD).isEmpty();
      assertThat(notServed).as("operations of openapi.yaml that no route serves: remove them"
          + " from src/main/resources/openapi.yaml, or mount the route").isEmpty();
      assertThat(served).hasSizeGreaterThan(30);
    }
  }

  @Test
  @DisplayName("GET /api/v1/openapi.json serves openapi.yaml as JSON to anyone, with this build's version")
  void servesTheDocument() {
    try (TestServer server = TestServer.start()) {
      Response r = server.request("GET", "/api/v1/openapi.json", null, null);
      assertThat(r.status()).isEqualTo(200);
      assertThat(r.contentType()).isEqualTo("application/json");
      ObjectNode expected = OpenApiContract.document().deepCopy();
      ((ObjectNode) expected.get("info")).put("version", Version.current());
      assertThat(r.json()).isEqualTo(expected);
      assertThat(r.json().get("openapi").asText()).isEqualTo("3.1.0");
    }
  }

  @Test
  @DisplayName("every schema of openapi.yaml compiles and its references resolve")
  void schemasCompile() {
    List<String> pointers = OpenApiContract.schemaPointers();
    assertThat(pointers).hasSizeGreaterThan(50);
    for (String pointer : pointers) {
      // Validating null walks the schema and its $refs; a dangling one throws here.
      assertThat(OpenApiContract.schema(pointer).validate("null",
          com.networknt.schema.InputFormat.JSON)).as(pointer).isNotNull();
    }
  }

  @Test
  @DisplayName("the contract check fails a body, a status or a media type that openapi.yaml does not describe")
  void contractCatchesMismatches() {
    String entity = "{\"entity_id\":\"light.a\",\"domain\":\"light\",\"name\":null,\"state\":\"on\","
        + "\"attributes\":{},\"source\":\"demo\",\"adapter_id\":\"demo\",\"area\":null,"
        + "\"icon\":null,\"hidden\":false,\"available\":true,"
        + "\"last_changed\":\"2026-12-04T05:37:35.301Z\","
        + "\"last_updated\":\"2026-12-04T05:37:35.301Z\",\"context_id\":null}";
    OpenApiContract.check("GET", "/api/v1/entities/light.a", 200, "application/json", entity);
    assertThatThrownBy(() -> OpenApiContract.check("GET", "/api/v1/entities/light.a", 200,
        "application/json", entity.replace("\"state\":\"on\"", "\"state\":1")))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("GET /api/v1/entities/{entity_id} -> 200")
        .hasMessageContaining("/state");
    assertThatThrownBy(() -> OpenApiContract.check("GET", "/api/v1/entities/light.a", 200,
        "application/json", entity.replace("\"available\"", "\"colour\":\"x\",\"available\"")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("colour");
    assertThatThrownBy(() -> OpenApiContract.check("GET", "/api/v1/entities/light.a", 200,
        "application/json", entity.replace("\"hidden\":false,", "")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("hidden");
    assertThatThrownBy(() -> OpenApiContract.check("GET", "/api/v1/entities/light.a", 200,
        "application/json", entity.replace("2026-12-04T05:37:35.301Z", "yesterday")))
        .isInstanceOf(AssertionError.class).hasMessageContaining("last_changed");
    assertThatThrownBy(() -> OpenApiContract.check("GET", "/api/v1/entities/light.a", 200,
        "text/html", entity)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("Content-Type text/html");
    assertThatThrownBy(() -> OpenApiContract.check("DELETE", "/api/v1/entities/light.a", 204,
        "application/json", entity)).isInstanceOf(AssertionError.class)
        .hasMessageContaining("declares no body");
    assertThatThrownBy(() -> OpenApiContract.check("GET", "/no/such/path", 404,
        "application/problem+json", "{\"title\":\"Not Found\"}"))
        .isInstanceOf(AssertionError.class).hasMessageContaining("required");
  }

  @Test
  @DisplayName("every operation of openapi.yaml answers as documented on a live server")
  void everyOperationAnswersAsDocumented() {
    try (TestServer server = TestServer.start()) {
      Tour tour = new Tour(server);
      tour.run();
      List<String> missed = new ArrayList<>(OpenApiContract.operations());
      missed.removeAll(tour.reached);
      assertThat(missed).as("operations this tour did not reach with a 2xx: extend"
          + " OpenApiTest.Tour").isEmpty();
    }
  }

  /** One call of every operation, each answer validated by TestServer.send. */
  private static final class Tour {
    private final TestServer server;
    private final Set<String> reached = new LinkedHashSet<>();
    private String admin;

    Tour(TestServer server) {
      this.server = server;
    }

    private JsonNode call(String method, String path, String token, Object body, int expected) {
      Response r = server.request(method, path, token, body == null ? null : Json.write(body));
      assertThat(r.status()).as(method + " " + path + ": " + r.body()).isEqualTo(expected);
      OpenApiContract.operationOf(method, path.replaceFirst("\\?.*", "")).ifPresent(reached::add);
      return r.body().isEmpty() || !r.contentType().contains("json") ? null : r.json();
    }

    void run() {
      call("GET", "/health", null, null, 200);
      call("GET", "/health/live", null, null, 200);
      call("GET", "/health/ready", null, null, 200);
      call("GET", "/api/v1/openapi.json", null, null, 200);
      admin = call("POST", "/api/v1/auth/login", null, Json.object().put("username", "admin")
          .put("password", TestServer.ADMIN_PASSWORD), 200).get("token").asText();
      call("GET", "/metrics", admin, null, 200);
      call("GET", "/api/v1/auth/me", admin, null, 200);
      String token = call("POST", "/api/v1/auth/tokens", admin, Json.object().put("name", "kiosk")
          .put("expires_in_days", 7), 201).get("id").asText();
      call("GET", "/api/v1/auth/tokens?all=true", admin, null, 200);
      call("DELETE", "/api/v1/auth/tokens/" + token, admin, null, 204);
      users();
      entities();
      call("GET", "/api/v1/adapters", admin, null, 200);
      call("GET", "/api/v1/adapters/demo", admin, null, 200);
      call("POST", "/api/v1/adapters/demo/sync", admin, null, 200);
      automations();
      notifications();
      history();
      call("GET", "/api/v1/system/status", admin, null, 200);
      call("GET", "/api/v1/websocket/stats?clients=true", admin, null, 200);
      call("POST", "/api/v1/system/backup", admin, null, 200);
      // Errors are documented too: a problem document for each of these.
      call("GET", "/api/v1/entities/light.none", admin, null, 404);
      call("GET", "/api/v1/users", null, null, 401);
      call("POST", "/api/v1/entities/light.kitchen/action", admin, Json.object(), 422);
      // The last: refreshing spends the admin's session token.
      call("POST", "/api/v1/auth/refresh", admin, null, 200);
    }

    private void notifications() {
      String id = call("POST", "/api/v1/notifications", admin, Json.object().put("title", "Hello")
          .put("message", "from the tour").put("level", "info"), 201).get("id").asText();
      call("GET", "/api/v1/notifications/unread_count", admin, null, 200);
      call("POST", "/api/v1/notifications/" + id + "/read", admin, null, 204);
      call("POST", "/api/v1/notifications/" + id + "/dismiss", admin, null, 204);
      call("POST", "/api/v1/notifications/read_all", admin, null, 204);
      call("GET", "/api/v1/notifications?limit=5", admin, null, 200);
    }

    private void history() {
      String range = "start=2020-01-01T00:00:00Z&end=2020-01-02T00:00:00Z";
      call("GET", "/api/v1/history?entity_id=light.kitchen,sensor.tour_bulk", admin, null, 200);
      call("GET", "/api/v1/history?minimal=true&" + range, admin, null, 200);
      call("GET", "/api/v1/statistics?period=day", admin, null, 200);
      call("GET", "/api/v1/logbook?entity_id=light.kitchen", admin, null, 200);
      call("GET", "/api/v1/history?" + range.replace("2020-01-01", "2019-01-01"), admin, null, 422);
    }

    private void users() {
      String id = call("POST", "/api/v1/users", admin, Json.object().put("username", "tour")
          .put("password", "tour-password-9"), 201).get("id").asText();
      call("GET", "/api/v1/users", admin, null, 200);
      call("GET", "/api/v1/users/" + id, admin, null, 200);
      call("PATCH", "/api/v1/users/" + id, admin, Json.object().put("disabled", true), 200);
      call("DELETE", "/api/v1/users/" + id, admin, null, 204);
    }

    private void entities() {
      call("GET", "/api/v1/entities?domain=light", admin, null, 200);
      call("GET", "/api/v1/entities/light.kitchen", admin, null, 200);
      call("POST", "/api/v1/entities/light.kitchen/action", admin,
          Json.object().put("action", "turn_on"), 202);
      ObjectNode state = Json.object().put("state", 21.5);
      state.putObject("attributes").put("unit_of_measurement", "°C");
      call("PUT", "/api/v1/entities/sensor.tour/state", admin, state, 201);
      call("PUT", "/api/v1/entities/sensor.tour/state", admin, state.put("state", 22), 200);
      call("DELETE", "/api/v1/entities/sensor.tour", admin, null, 204);
      call("POST", "/api/v1/entities/states", admin, Json.MAPPER.createArrayNode()
          .add(Json.object().put("entity_id", "sensor.tour_bulk").put("state", "1"))
          .add(Json.object().put("entity_id", "sensor.tour_bulk").put("state", 2)), 200);
      call("PATCH", "/api/v1/entities/light.kitchen", admin, Json.object().put("icon", "mdi:lamp")
          .put("hidden", true), 200);
      call("PATCH", "/api/v1/entities/light.kitchen", admin, Json.object().putNull("icon")
          .putNull("hidden"), 200);
    }

    private static JsonNode readTree(String json) {
      try {
        return Json.MAPPER.readTree(json);
      } catch (java.io.IOException e) {
        throw new IllegalStateException(e);
      }
    }

    private void automations() {
      ObjectNode rule = (ObjectNode) readTree("{\"id\":\"tour\",\"name\":\"Tour\","
          + "\"triggers\":[{\"type\":\"manual\"}],\"conditions\":[{\"type\":\"time\","
          + "\"after\":\"00:00\"}],\"actions\":[{\"type\":\"delay\",\"delay\":\"1ms\"}]}");
      call("POST", "/api/v1/automations", admin, rule, 201);
      call("GET", "/api/v1/automations", admin, null, 200);
      call("GET", "/api/v1/automations/tour", admin, null, 200);
      call("PUT", "/api/v1/automations/tour", admin, rule.put("description", "changed"), 200);
      call("POST", "/api/v1/automations/tour/disable", admin, null, 200);
      call("POST", "/api/v1/automations/tour/enable", admin, null, 200);
      call("POST", "/api/v1/automations/tour/trigger", admin, null, 202);
      call("GET", "/api/v1/automations/tour/runs", admin, null, 200);
      call("DELETE", "/api/v1/automations/tour", admin, null, 204);
    }
  }
}
