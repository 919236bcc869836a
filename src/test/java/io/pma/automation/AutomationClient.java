package io.pma.automation;

import io.pma.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.TestServer;
import io.pma.TestServer.Response;
import io.pma.domain.Json;
import java.util.function.Predicate;

/** REST calls the automation tests make, as a logged-in admin. */
final class AutomationClient {
  private final TestServer server;
  private final String token;

  AutomationClient(TestServer server) {
    this.server = server;
    this.token = server.adminToken();
  }

  Response call(String method, String path, String body) {
    return server.request(method, path, token, body);
  }

  /** Creates a rule; fails the test unless it is 201. */
  JsonNode create(String rule) {
    Response r = call("POST", "/api/v1/automations", rule);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  /** {@code POST .../trigger} (runs the rule now) with this body, or none when null. */
  Response trigger(String id, String body) {
    return call("POST", "/api/v1/automations/" + id + "/trigger", body);
  }

  /** Records a state for an API-owned entity (created when absent). */
  void state(String entityId, String state) {
    state(entityId, state, "{}");
  }

  void state(String entityId, String state, String attributes) {
    Response r = call("PUT", "/api/v1/entities/" + entityId + "/state",
        "{\"state\":" + Json.MAPPER.valueToTree(state) + ",\"attributes\":" + attributes + "}");
    assertThat(r.status()).as(r.body()).isIn(200, 201);
  }

  String entityState(String entityId) {
    return call("GET", "/api/v1/entities/" + entityId, null).json().get("state").asText();
  }

  JsonNode runs(String id) {
    Response r = call("GET", "/api/v1/automations/" + id + "/runs", null);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json();
  }

  /** Waits until the newest run of a rule has finished and returns it. */
  JsonNode awaitRun(String id, Predicate<JsonNode> finished) {
    return Await.value("a finished run of " + id, () -> {
      JsonNode runs = runs(id);
      return runs.size() > 0 && finished.test(runs.get(0)) ? runs.get(0) : null;
    });
  }

  JsonNode awaitFinishedRun(String id) {
    return awaitRun(id, r -> !"running".equals(r.get("result").asText()));
  }
}
