package io.pma.api;

import static io.pma.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.Await;
import io.pma.ServerRig;
import io.pma.TestServer.Response;
import io.pma.TestServer;
import io.pma.bus.Published;
import io.pma.domain.EntityStateChanged;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EntitiesApiTest {
  @RegisterExtension
  static final ServerRig rig = new ServerRig(ServerRig.STILL_DEMO);

  private Response call(String method, String path, String body) {
    return rig.server().request(method, path, rig.admin(), body);
  }

  @Test
  @DisplayName("GET /api/v1/entities lists the demo entities and filters by domain, area and q")
  void listsAndFilters() {
    JsonNode all = call("GET", "/api/v1/entities", null).json();
    assertThat(all.size()).isGreaterThanOrEqualTo(25);
    JsonNode lights = call("GET", "/api/v1/entities?domain=light", null).json();
    assertThat(lights).allSatisfy(e -> assertThat(e.get("domain").asText()).isEqualTo("light"));
    assertThat(lights.size()).isEqualTo(5);
    JsonNode kitchen = call("GET", "/api/v1/entities?area=Kitchen&q=light", null).json();
    assertThat(kitchen).extracting(e -> e.get("entity_id").asText())
        .containsExactly("light.kitchen");
    JsonNode one = call("GET", "/api/v1/entities/light.kitchen", null).json();
    assertThat(one.fieldNames()).toIterable().containsExactly("entity_id", "domain", "name",
        "state", "attributes", "source", "adapter_id", "area", "icon", "hidden", "available", "last_changed",
        "last_updated", "context_id");
    assertThat(one.get("last_changed").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z");
  }

  @Test
  @DisplayName("an action on a demo light changes its state exactly once")
  void actionChangesStateOnce() throws Exception {
    List<Published> changes = new CopyOnWriteArrayList<>();
    rig.server().server().broker().subscribe(p -> {
      if (p.event() instanceof EntityStateChanged c && c.entityId().toString().equals("light.porch")) {
        changes.add(p);
      }
    });
    String before = call("GET", "/api/v1/entities/light.porch", null).json().get("state").asText();
    boolean wasOn = "on".equals(before);
    Response r = call("POST", "/api/v1/entities/light.porch/action",
        "{\"action\":\"" + (wasOn ? "turn_off" : "turn_on") + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    Await.until("the porch light to change", () -> !changes.isEmpty());
    // The action back is the barrier: a second change from the first action, had there been
    // one, would be recorded before (or instead of) the change this one makes.
    Response back = call("POST", "/api/v1/entities/light.porch/action",
        "{\"action\":\"" + (wasOn ? "turn_on" : "turn_off") + "\"}");
    assertThat(back.status()).as(back.body()).isEqualTo(202);
    Await.until("the porch light to change back", () -> changes.size() >= 2);
    assertThat(changes).hasSize(2);
    EntityStateChanged change = (EntityStateChanged) changes.get(0).event();
    assertThat(change.oldState()).isEqualTo(before);
    assertThat(change.newState()).isNotEqualTo(before);
    EntityStateChanged changeBack = (EntityStateChanged) changes.get(1).event();
    assertThat(changeBack.oldState()).isEqualTo(change.newState());
    assertThat(changeBack.newState()).isEqualTo(before);
    assertThat(call("GET", "/api/v1/entities/light.porch", null).json().get("state").asText())
        .isEqualTo(before);
  }

  @Test
  @DisplayName("set_brightness with a value out of range is 422 and changes nothing")
  void badActionParameters() {
    Response r = call("POST", "/api/v1/entities/light.office/action",
        "{\"action\":\"set_brightness\",\"parameters\":{\"brightness\":999}}");
    assertProblem(r, 422, "brightness");
  }

  @Test
  @DisplayName("an action a sensor does not support is 422")
  void unsupportedAction() {
    assertProblem(call("POST", "/api/v1/entities/sensor.office_co2/action",
        "{\"action\":\"turn_on\"}"), 422, "not supported");
  }

  @Test
  @DisplayName("unknown entity is 404, invalid entity id is 400")
  void unknownAndInvalidIds() {
    assertProblem(call("GET", "/api/v1/entities/light.nowhere", null), 404, "light.nowhere");
    assertProblem(call("POST", "/api/v1/entities/light.nowhere/action", "{\"action\":\"turn_on\"}"),
        404, "light.nowhere");
    assertProblem(call("GET", "/api/v1/entities/Not-An-Id", null), 400, "invalid entity id");
    assertProblem(call("PUT", "/api/v1/entities/light.A/state", "{\"state\":\"on\"}"), 400,
        "invalid entity id");
  }

  @Test
  @DisplayName("malformed JSON is 400, a non-object body is 400, a wrong content type is 415")
  void malformedBodies() {
    assertProblem(call("POST", "/api/v1/entities/light.kitchen/action", "{\"action\":"), 400,
        "malformed JSON");
    assertProblem(call("POST", "/api/v1/entities/light.kitchen/action", "[1,2]"), 400,
        "JSON object");
    Response r = TestServer.send(HttpRequest.newBuilder(
            URI.create(rig.server().url("/api/v1/entities/light.kitchen/action")))
        .timeout(Duration.ofSeconds(5)).header("Authorization", "Bearer " + rig.admin())
        .header("Content-Type", "text/plain")
        .POST(HttpRequest.BodyPublishers.ofString("action=turn_on")).build());
    assertProblem(r, 415, "application/json");
  }

  @Test
  @DisplayName("a body over the limit is 413")
  void oversizedBody() {
    String big = "{\"state\":\"on\",\"attributes\":{\"x\":\"" + "a".repeat(70_000) + "\"}}";
    assertProblem(call("PUT", "/api/v1/entities/sensor.big/state", big), 413);
  }

  @Test
  @DisplayName("invalid state values are 422 naming the field")
  void invalidStateValues() {
    assertProblem(call("PUT", "/api/v1/entities/sensor.x/state", "{}"), 422, "'state' is required");
    assertProblem(call("PUT", "/api/v1/entities/sensor.x/state", "{\"state\":{\"a\":1}}"), 422,
        "'state' must be");
    assertProblem(call("PUT", "/api/v1/entities/sensor.x/state", "{\"state\":\"\"}"), 422,
        "'state' must have");
    assertProblem(call("PUT", "/api/v1/entities/sensor.x/state",
        "{\"state\":\"on\",\"attributes\":[1]}"), 422, "'attributes' must be an object");
    assertProblem(call("POST", "/api/v1/entities/light.kitchen/action", "{\"action\":5}"), 422,
        "'action' must be a string");
  }

  @Test
  @DisplayName("PUT state creates an API entity (201), updates it (200), and DELETE removes it")
  void putStateLifecycle() {
    Response created = call("PUT", "/api/v1/entities/sensor.api_probe/state",
        "{\"state\":\"12\",\"attributes\":{\"unit_of_measurement\":\"W\"}}");
    assertThat(created.status()).isEqualTo(201);
    assertThat(created.json().get("source").asText()).isEqualTo("api");
    Response updated = call("PUT", "/api/v1/entities/sensor.api_probe/state", "{\"state\":13}");
    assertThat(updated.status()).isEqualTo(200);
    assertThat(updated.json().get("state").asText()).isEqualTo("13");
    assertThat(updated.json().get("attributes").size()).isZero();
    assertThat(call("DELETE", "/api/v1/entities/sensor.api_probe", null).status()).isEqualTo(204);
    assertProblem(call("DELETE", "/api/v1/entities/sensor.api_probe", null), 404, "no entity");
  }

  @Test
  @DisplayName("PUT state on an adapter's entity is 409")
  void putStateOnAdapterEntity() {
    assertProblem(call("PUT", "/api/v1/entities/light.kitchen/state", "{\"state\":\"on\"}"), 409,
        "owned by adapter 'demo'");
  }

  @Test
  @DisplayName("adapters list, one adapter, unknown adapter, resync")
  void adapters() {
    JsonNode list = call("GET", "/api/v1/adapters", null).json();
    assertThat(list.get(0).get("adapter_id").asText()).isEqualTo("demo");
    assertThat(list.get(0).get("status").asText()).isEqualTo("connected");
    assertThat(list.get(0).get("entity_count").asInt()).isEqualTo(25);
    assertThat(call("GET", "/api/v1/adapters/demo", null).json().get("healthy").asBoolean())
        .isTrue();
    assertProblem(call("GET", "/api/v1/adapters/zigbee", null), 404, "zigbee");
    Response sync = call("POST", "/api/v1/adapters/demo/sync", null);
    assertThat(sync.status()).isEqualTo(200);
    assertThat(sync.json().get("status").asText()).isEqualTo("completed");
    assertThat(sync.json().get("entities_found").asInt()).isEqualTo(25);
  }

  @Test
  @DisplayName("every /api/v1 route needs a valid bearer token")
  void requiresToken() {
    assertProblem(rig.server().request("GET", "/api/v1/entities", null, null), 401, "bearer token");
    assertProblem(rig.server().request("GET", "/api/v1/entities", "garbage", null), 401,
        "Invalid token");
    assertProblem(rig.server().request("GET", "/api/v1/unknown", rig.admin(), null), 404, "no such resource");
  }

  @Test
  @DisplayName("health says ok with the demo adapter connected, live and ready answer")
  void health() {
    Response health = rig.server().request("GET", "/health", null, null);
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().get("status").asText()).isEqualTo("ok");
    assertThat(health.json().at("/checks/database/status").asText()).isEqualTo("ok");
    assertThat(health.json().at("/checks/adapters/demo/healthy").asBoolean()).isTrue();
    assertThat(rig.server().request("GET", "/health/live", null, null).status()).isEqualTo(200);
    assertThat(rig.server().request("GET", "/health/ready", null, null).status()).isEqualTo(200);
  }
}
