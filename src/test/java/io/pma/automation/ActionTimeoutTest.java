package io.pma.automation;

import io.pma.BrokerEvents;
import io.pma.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.ManualTime;
import io.pma.TestServer;
import io.pma.TestServer.Response;
import io.pma.adapter.homeassistant.FakeHomeAssistant;
import io.pma.domain.Json;
import io.pma.domain.Notification;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@code automation.action_timeout_seconds} (default 30) through a real server whose Home
 * Assistant adapter talks to a fake Home Assistant that holds {@code light.turn_on} unanswered
 * until the test lets it answer. The server's clock and automation timers are the test's, so the
 * 30 s pass without waiting.
 */
class ActionTimeoutTest {
  private static final String HA_TOKEN = "timeout-test-token";
  private static final Instant START = AutomationRig.START;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String DETAIL = "adapter 'homeassistant' did not answer 'turn_on' within 30s"
      + " (automation.action_timeout_seconds)";
  private final Vertx haVertx = Vertx.vertx();
  private final FakeHomeAssistant ha = FakeHomeAssistant.start(haVertx, HA_TOKEN);
  private final ManualTime time = new ManualTime(START);
  private TestServer server;
  private AutomationClient client;
  private BrokerEvents log;

  @BeforeEach
  void start() {
    ha.setState("light.porch", "off", Json.object().put("friendly_name", "Porch"));
    server = TestServer.start(Map.of("PMA_HA_URL", ha.url(), "PMA_HA_TOKEN", HA_TOKEN,
        "PMA_DEMO_ENABLED", "auto", "PMA_AUTH_TOKEN_TTL_MINUTES", "43200"), time);
    client = new AutomationClient(server);
    log = BrokerEvents.attach(server.server());
    Await.until("light.porch mirrored from Home Assistant", () -> client.call("GET", "/api/v1/entities/light.porch", null).status() == 200);
    ha.holdService("light", "turn_on");
  }

  @AfterEach
  void stop() {
    server.close();
    ha.close();
    haVertx.close();
  }

  /** A manual rule: turn the porch light on, then notify; runs it and waits for the HA call. */
  private void runPorchRule(String id) {
    client.create("{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"triggers\":[{\"type\":"
        + "\"manual\"}],\"actions\":[{\"type\":\"entity_action\",\"entity_id\":\"light.porch\","
        + "\"action\":\"turn_on\"},{\"type\":\"notify\",\"message\":\"" + id + " done\"}]}");
    Response r = client.trigger(id, null);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    Await.until("the call_service at Home Assistant", () -> ha.commands("call_service").size() == 1);
    Await.until("the step's timeout armed", () -> time.pending().contains(START.plus(TIMEOUT)));
  }

  private static String step(String path, Instant started, Instant finished, String result,
      String detail) {
    return Json.object().put("path", path).put("type", "entity_action")
        .put("started_at", started.toString().replace("Z", ".000Z"))
        .put("finished_at", finished == null ? null : finished.toString().replace("Z", ".000Z"))
        .put("result", result).put("detail", detail).toString();
  }

  @Test
  @DisplayName("an adapter that never answers fails the step at the timeout; the run stops there and"
      + " a late answer changes nothing")
  void adapterThatDoesNotAnswer() throws Exception {
    runPorchRule("porch_timeout");
    time.advance(TIMEOUT.minusSeconds(1));
    assertThat(time.pending()).as("not yet due").contains(START.plus(TIMEOUT));
    assertThat(client.runs("porch_timeout").get(0).get("result").asText()).isEqualTo("running");

    time.advance(Duration.ofSeconds(1));
    JsonNode run = client.awaitFinishedRun("porch_timeout");
    assertThat(run.get("result").asText()).isEqualTo("error");
    assertThat(run.get("error").asText()).isEqualTo("actions[0] (entity_action): " + DETAIL);
    assertThat(run.get("finished_at").asText()).isEqualTo("2026-03-02T06:29:30.000Z");
    assertThat(run.get("steps")).hasSize(1);
    assertThat(run.get("steps").get(0).toString())
        .isEqualTo(step("actions[0]", START, START.plus(TIMEOUT), "error", DETAIL));

    // Home Assistant answers after all: the light goes on, the run stays as it ended.
    assertThat(ha.answerHeld("light", "turn_on")).isEqualTo(1);
    Await.until("the late state change", () -> "on".equals(client.entityState("light.porch")));
    // Results on the HA connection come in order: once this action is answered, the late result
    // has reached the engine's queue; settled() runs after it.
    Response off = client.call("POST", "/api/v1/entities/light.porch/action",
        "{\"action\":\"turn_off\"}");
    assertThat(off.status()).as(off.body()).isEqualTo(202);
    server.server().automationEngine().settled().toCompletionStage().toCompletableFuture()
        .get(5, TimeUnit.SECONDS);
    assertThat(client.runs("porch_timeout").get(0)).isEqualTo(run);
    log.quiesce();
    assertThat(log.all(Notification.class, n -> n.message().equals("porch_timeout done")))
        .isEmpty();
  }

  @Test
  @DisplayName("an answer within the timeout completes the step and cancels the timeout")
  void answerInTime() {
    runPorchRule("porch_in_time");
    time.advance(Duration.ofSeconds(10));
    assertThat(ha.answerHeld("light", "turn_on")).isEqualTo(1);
    JsonNode run = client.awaitFinishedRun("porch_in_time");
    assertThat(run.get("result").asText()).as(run.toString()).isEqualTo("completed");
    assertThat(run.get("steps").get(0).toString()).isEqualTo(step("actions[0]", START,
        START.plusSeconds(10), "ok", "'turn_on' accepted by adapter 'homeassistant'"));
    assertThat(time.pending()).doesNotContain(START.plus(TIMEOUT));
    log.await(Notification.class, n -> n.message().equals("porch_in_time done"));

    time.advance(TIMEOUT);
    assertThat(client.runs("porch_in_time").get(0)).isEqualTo(run);
  }

}
