package io.pma.automation;

import io.pma.BrokerEvents;
import static io.pma.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.ManualTime;
import io.pma.TestServer;
import io.pma.TestServer.Response;
import io.pma.domain.AutomationTriggered;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The REST resource {@code /api/v1/automations} against a real server. */
class AutomationsApiTest {
  private static final String NOW = "2026-03-02T06:29:00.000Z";
  private static ManualTime time;
  private static TestServer server;
  private static AutomationClient client;

  @BeforeAll
  static void start() {
    time = new ManualTime(Instant.parse(NOW));
    server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", "3600000",
        "PMA_AUTH_TOKEN_TTL_MINUTES", "43200"), time);
    client = new AutomationClient(server);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @Test
  @DisplayName("POST creates a rule (201, Location, defaults filled in); GET returns it unchanged")
  void createAndGet() {
    Response r = client.call("POST", "/api/v1/automations", "{\"id\":\"hall_light\","
        + "\"name\":\"Hall light\",\"triggers\":[{\"type\":\"state\",\"entity_id\":"
        + "\"binary_sensor.hallway_motion\",\"to\":\"on\"}],\"actions\":[{\"type\":"
        + "\"entity_action\",\"entity_id\":\"light.kitchen\",\"action\":\"turn_on\"}]}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    String expected = "{\"id\":\"hall_light\",\"name\":\"Hall light\",\"description\":\"\","
        + "\"enabled\":true,\"mode\":\"single\",\"triggers\":[{\"type\":\"state\","
        + "\"entity_id\":\"binary_sensor.hallway_motion\",\"to\":\"on\"}],\"conditions\":[],"
        + "\"actions\":[{\"type\":\"entity_action\",\"entity_id\":\"light.kitchen\","
        + "\"action\":\"turn_on\",\"parameters\":{}}],\"created_at\":\"" + time.instant()
            .toString().replace("Z", ".000Z") + "\",\"updated_at\":\"" + time.instant()
            .toString().replace("Z", ".000Z") + "\"}";
    assertThat(r.body()).isEqualTo(expected);
    assertThat(client.call("GET", "/api/v1/automations/hall_light", null).body())
        .isEqualTo(expected);
    JsonNode list = client.call("GET", "/api/v1/automations", null).json();
    assertThat(list.isArray()).isTrue();
    assertThat(list).extracting(n -> n.get("id").asText()).contains("hall_light");
  }

  @Test
  @DisplayName("without an id one is made from the name; a taken id is 409")
  void generatedIdsAndConflicts() {
    String rule = "{\"name\":\"Good Night!\",\"triggers\":[{\"type\":\"manual\"}],"
        + "\"actions\":[{\"type\":\"notify\",\"message\":\"night\"}]}";
    assertThat(client.create(rule).get("id").asText()).isEqualTo("good_night");
    assertThat(client.create(rule).get("id").asText()).isEqualTo("good_night_2");
    assertProblem(client.call("POST", "/api/v1/automations",
        rule.replace("{\"name\"", "{\"id\":\"good_night\",\"name\"")), 409, "good_night");
  }

  @Test
  @DisplayName("an invalid rule is 422 problem+json listing every bad field under invalid_params")
  void validationProblem() {
    Response r = client.call("POST", "/api/v1/automations", "{\"name\":\"x\",\"triggers\":"
        + "[{\"type\":\"state\",\"entity_id\":\"light.a\",\"to\":{}}],\"actions\":[{\"type\":"
        + "\"delay\",\"delay\":\"soon\"}]}");
    assertProblem(r, 422, "2 invalid fields: triggers[0].to must be a string or a non-empty"
        + " list of strings; actions[0].delay must be a duration");
    assertThat(r.json().get("invalid_params").toString()).isEqualTo("[{\"name\":"
        + "\"triggers[0].to\",\"reason\":\"must be a string or a non-empty list of strings\"},"
        + "{\"name\":\"actions[0].delay\",\"reason\":\"must be a duration such as \\\"500ms\\\","
        + " \\\"2s\\\", \\\"1h30m\\\" or \\\"00:05:00\\\"\"}]");
    assertProblem(client.call("POST", "/api/v1/automations", "[1]"), 400, "JSON object");
    assertProblem(client.call("POST", "/api/v1/automations", "{\"name\""), 400, "malformed");
  }

  @Test
  @DisplayName("PUT replaces a rule (created_at kept), enable/disable switch it, DELETE removes it")
  void replaceSwitchDelete() {
    client.create("{\"id\":\"switchy\",\"name\":\"Switchy\",\"triggers\":[{\"type\":"
        + "\"manual\"}],\"actions\":[{\"type\":\"notify\",\"message\":\"a\"}]}");
    time.advance(Duration.ofSeconds(3));
    Response put = client.call("PUT", "/api/v1/automations/switchy", "{\"name\":\"Renamed\","
        + "\"mode\":\"queued\",\"triggers\":[{\"type\":\"manual\"}],\"actions\":[{\"type\":"
        + "\"notify\",\"message\":\"b\"}]}");
    assertThat(put.status()).as(put.body()).isEqualTo(200);
    assertThat(put.json().get("name").asText()).isEqualTo("Renamed");
    assertThat(put.json().get("max").asInt()).isEqualTo(10);
    assertThat(put.json().get("updated_at").asText())
        .isNotEqualTo(put.json().get("created_at").asText());
    assertProblem(client.call("PUT", "/api/v1/automations/switchy", "{\"id\":\"other\","
        + "\"name\":\"x\",\"triggers\":[{\"type\":\"manual\"}],\"actions\":[{\"type\":"
        + "\"notify\",\"message\":\"b\"}]}"), 422, "differs");
    Response disabled = client.call("POST", "/api/v1/automations/switchy/disable", null);
    assertThat(disabled.json().get("enabled").asBoolean()).isFalse();
    assertThat(client.call("GET", "/api/v1/automations/switchy", null).json().get("enabled")
        .asBoolean()).isFalse();
    assertThat(client.call("POST", "/api/v1/automations/switchy/enable", null).json()
        .get("enabled").asBoolean()).isTrue();
    assertThat(client.call("DELETE", "/api/v1/automations/switchy", null).status())
        .isEqualTo(204);
    assertProblem(client.call("GET", "/api/v1/automations/switchy", null), 404, "switchy");
  }

  @Test
  @DisplayName("unknown rules are 404 on every route")
  void unknownIs404() {
    for (String[] route : new String[][] {{"GET", ""}, {"DELETE", ""}, {"POST", "/enable"},
        {"POST", "/disable"}, {"POST", "/trigger"}, {"GET", "/runs"}}) {
      assertProblem(client.call(route[0], "/api/v1/automations/nope" + route[1], null), 404,
          "nope");
    }
    assertProblem(client.call("PUT", "/api/v1/automations/nope", "{\"name\":\"x\","
        + "\"triggers\":[{\"type\":\"manual\"}],\"actions\":[{\"type\":\"notify\","
        + "\"message\":\"b\"}]}"), 404, "nope");
  }

  @Test
  @DisplayName("a token is required (401); a plain user may read and write rules")
  void authentication() {
    assertThat(server.request("GET", "/api/v1/automations", null, null).status())
        .isEqualTo(401);
    Response created = client.call("POST", "/api/v1/users",
        "{\"username\":\"resident\",\"password\":\"resident-password\",\"roles\":[\"user\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String token = server.login("resident", "resident-password");
    Response r = server.request("POST", "/api/v1/automations", token, "{\"name\":\"Mine\","
        + "\"triggers\":[{\"type\":\"manual\"}],\"actions\":[{\"type\":\"notify\","
        + "\"message\":\"b\"}]}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    assertThat(server.request("GET", "/api/v1/automations/mine/runs", token, null).status())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("/trigger really runs the rule and /runs shows its trigger, steps and result")
  void triggerAndRuns() {
    client.create("{\"id\":\"runner\",\"name\":\"Runner\",\"triggers\":[{\"type\":\"manual\"}],"
        + "\"conditions\":[{\"type\":\"state\",\"entity_id\":\"input_boolean.t_guard\","
        + "\"state\":\"on\"}],\"actions\":[{\"type\":\"entity_action\",\"entity_id\":"
        + "\"light.office\",\"action\":\"turn_off\"},{\"type\":\"notify\",\"message\":\"m\"}]}");
    Response r = client.call("POST", "/api/v1/automations/runner/trigger",
        "{\"skip_conditions\":false}");
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"automation_id\":\"runner\",\"execution_id\":null,"
        + "\"status\":\"conditions_not_met\"}");
    assertProblem(client.call("POST", "/api/v1/automations/runner/trigger",
        "{\"skip_conditions\":1}"), 422, "skip_conditions");
    r = client.call("POST", "/api/v1/automations/runner/trigger", null);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    String execution = r.json().get("execution_id").asText();
    JsonNode run = client.awaitFinishedRun("runner");
    assertThat(client.entityState("light.office")).isEqualTo("off");
    assertThat(run.get("execution_id").asText()).isEqualTo(execution);
    assertThat(run.fieldNames()).toIterable().containsExactly("execution_id", "automation_id",
        "trigger", "depth", "started_at", "finished_at", "result", "error", "steps");
    assertThat(run.get("result").asText()).isEqualTo("completed");
    assertThat(run.get("error").isNull()).isTrue();
    assertThat(run.get("trigger").get("type").asText()).isEqualTo("manual");
    assertThat(run.get("steps")).extracting(s -> s.get("path").asText() + " "
        + s.get("type").asText() + " " + s.get("result").asText()).containsExactly(
        "actions[0] entity_action ok", "actions[1] notify ok");
    assertThat(run.get("steps").get(0).get("detail").asText())
        .isEqualTo("'turn_off' accepted by adapter 'demo'");
  }

  @Test
  @DisplayName("rules, their switches and their runs survive a restart; triggers are re-armed")
  void surviveRestart() {
    client.create("{\"id\":\"durable\",\"name\":\"Durable\",\"mode\":\"parallel\",\"max\":2,"
        + "\"triggers\":[{\"type\":\"interval\",\"every\":\"1m\"}],\"actions\":[{\"type\":"
        + "\"notify\",\"message\":\"tick\"}]}");
    client.create("{\"id\":\"dormant\",\"name\":\"Dormant\",\"enabled\":false,\"triggers\":"
        + "[{\"type\":\"manual\"}],\"actions\":[{\"type\":\"notify\",\"message\":\"x\"}]}");
    assertThat(client.call("POST", "/api/v1/automations/durable/trigger", null).status())
        .isEqualTo(202);
    JsonNode run = client.awaitFinishedRun("durable");
    String before = client.call("GET", "/api/v1/automations/durable", null).body();
    server.restart();
    AutomationClient again = new AutomationClient(server);
    assertThat(again.call("GET", "/api/v1/automations/durable", null).body()).isEqualTo(before);
    assertThat(again.call("GET", "/api/v1/automations/dormant", null).json().get("enabled")
        .asBoolean()).isFalse();
    assertThat(again.runs("durable").get(0)).isEqualTo(run);
    BrokerEvents log = BrokerEvents.attach(server.server());
    time.advance(Duration.ofMinutes(1));
    log.await(AutomationTriggered.class, e -> e.automationId().equals("durable"));
  }
}
