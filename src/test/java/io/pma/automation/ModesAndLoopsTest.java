package io.pma.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.TestServer.Response;
import io.pma.domain.AutomationTriggered;
import io.pma.domain.Notification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Run modes, aborting runs, and the loop guards (chain depth, runs per second). */
class ModesAndLoopsTest {
  @RegisterExtension
  static final AutomationRig rig = new AutomationRig(
      Map.of("PMA_AUTOMATION_MAX_CHAIN_DEPTH", "4", "PMA_AUTOMATION_MAX_RUNS_PER_SECOND", "5"));

  /** A manual rule that notifies, waits a minute, and notifies again. */
  private static void slowRule(String id, String mode) {
    rig.client().create("{\"id\":\"" + id + "\",\"name\":\"" + id + "\"," + mode + ",\"triggers\":"
        + "[{\"type\":\"manual\"}],\"actions\":[{\"type\":\"notify\",\"message\":\"" + id
        + " begins\"},{\"type\":\"delay\",\"delay\":\"1m\"},{\"type\":\"notify\","
        + "\"message\":\"" + id + " ends\"}]}");
  }

  private static Response trigger(String id) {
    return rig.client().trigger(id, null);
  }

  private static List<String> results(String id) {
    List<String> results = new java.util.ArrayList<>();
    rig.client().runs(id).forEach(run -> results.add(run.get("result").asText()));
    return results;
  }

  private static int count(String message) {
    return rig.log().all(Notification.class, n -> n.message().equals(message)).size();
  }

  @Test
  @DisplayName("single: a trigger while running is dropped (409 for /trigger)")
  void single() {
    slowRule("m_single", "\"mode\":\"single\"");
    assertThat(trigger("m_single").status()).isEqualTo(202);
    Response second = trigger("m_single");
    assertThat(second.status()).as(second.body()).isEqualTo(409);
    assertThat(second.json().get("detail").asText()).contains("it is running");
    rig.time().advance(Duration.ofMinutes(1));
    rig.client().awaitFinishedRun("m_single");
    assertThat(results("m_single")).containsExactly("completed");
  }

  @Test
  @DisplayName("restart: a new trigger aborts the running run and starts again")
  void restart() {
    slowRule("m_restart", "\"mode\":\"restart\"");
    trigger("m_restart");
    rig.log().quiesce();
    rig.time().advance(Duration.ofSeconds(30));
    trigger("m_restart");
    rig.log().quiesce();
    JsonNode aborted = rig.client().runs("m_restart").get(1);
    assertThat(aborted.get("result").asText()).isEqualTo("aborted");
    assertThat(aborted.get("error").asText())
        .isEqualTo("restarted by a new trigger (mode restart)");
    assertThat(aborted.get("steps").get(1).get("result").asText()).isEqualTo("aborted");
    rig.time().advance(Duration.ofSeconds(59));
    rig.log().quiesce();
    assertThat(count("m_restart ends")).isZero();
    rig.time().advance(Duration.ofSeconds(1));
    rig.client().awaitFinishedRun("m_restart");
    assertThat(results("m_restart")).containsExactly("completed", "aborted");
    assertThat(count("m_restart ends")).isEqualTo(1);
  }

  @Test
  @DisplayName("queued: runs wait their turn, at most max running and waiting")
  void queued() {
    slowRule("m_queued", "\"mode\":\"queued\",\"max\":2");
    assertThat(trigger("m_queued").json().get("status").asText()).isEqualTo("started");
    Response queued = trigger("m_queued");
    assertThat(queued.status()).isEqualTo(202);
    assertThat(queued.json().get("status").asText()).isEqualTo("queued");
    assertThat(trigger("m_queued").status()).isEqualTo(409);
    rig.log().quiesce();
    assertThat(count("m_queued begins")).isEqualTo(1);
    rig.time().advance(Duration.ofMinutes(1));
    rig.log().quiesce();
    assertThat(count("m_queued begins")).isEqualTo(2);
    assertThat(rig.client().runs("m_queued").get(0).get("execution_id").asText())
        .isEqualTo(queued.json().get("execution_id").asText());
    rig.time().advance(Duration.ofMinutes(1));
    rig.log().quiesce();
    assertThat(results("m_queued")).containsExactly("completed", "completed");
  }

  @Test
  @DisplayName("parallel: runs side by side up to max")
  void parallel() {
    slowRule("m_parallel", "\"mode\":\"parallel\",\"max\":2");
    assertThat(trigger("m_parallel").status()).isEqualTo(202);
    assertThat(trigger("m_parallel").status()).isEqualTo(202);
    assertThat(trigger("m_parallel").status()).isEqualTo(409);
    rig.log().quiesce();
    assertThat(count("m_parallel begins")).isEqualTo(2);
    rig.time().advance(Duration.ofMinutes(1));
    rig.log().quiesce();
    assertThat(results("m_parallel")).containsExactly("completed", "completed");
  }

  @Test
  @DisplayName("disabling aborts the running run; a disabled rule does not trigger but can be run by hand")
  void disable() {
    rig.client().create("{\"id\":\"m_disable\",\"name\":\"d\",\"triggers\":[{\"type\":\"state\","
        + "\"entity_id\":\"binary_sensor.m_motion\",\"to\":\"on\"}],\"actions\":[{\"type\":"
        + "\"delay\",\"delay\":\"1m\"},{\"type\":\"notify\",\"message\":\"m_disable ends\"}]}");
    rig.client().state("binary_sensor.m_motion", "off");
    rig.client().state("binary_sensor.m_motion", "on");
    rig.log().await(AutomationTriggered.class, e -> e.automationId().equals("m_disable"));
    rig.client().call("POST", "/api/v1/automations/m_disable/disable", null);
    JsonNode aborted = rig.client().awaitFinishedRun("m_disable");
    assertThat(aborted.get("result").asText()).isEqualTo("aborted");
    assertThat(aborted.get("error").asText()).isEqualTo("the rule was disabled");
    rig.client().state("binary_sensor.m_motion", "off");
    rig.client().state("binary_sensor.m_motion", "on");
    rig.time().advance(Duration.ofMinutes(2));
    rig.log().quiesce();
    assertThat(rig.client().runs("m_disable")).hasSize(1);
    assertThat(count("m_disable ends")).isZero();
    assertThat(trigger("m_disable").status()).isEqualTo(202);
    rig.time().advance(Duration.ofMinutes(1));
    rig.log().quiesce();
    assertThat(count("m_disable ends")).isEqualTo(1);
  }

  @Test
  @DisplayName("a rule that re-triggers itself through its own event stops at the chain depth")
  void eventLoopIsBounded() {
    rig.client().create("{\"id\":\"m_echo\",\"name\":\"echo\",\"mode\":\"parallel\",\"triggers\":["
        + "{\"type\":\"event\",\"event_type\":\"echo\"}],\"actions\":[{\"type\":\"fire_event\","
        + "\"event_type\":\"echo\"}]}");
    assertThat(trigger("m_echo").status()).isEqualTo(202);
    rig.log().quiesce();
    List<JsonNode> runs = new java.util.ArrayList<>();
    rig.client().runs("m_echo").forEach(runs::add);
    ChainDepth.assertStoppedAtMaxDepth(runs);
  }

  @Test
  @DisplayName("a rule that re-triggers itself through a device stops at the chain depth too")
  void deviceLoopIsBounded() {
    rig.client().create("{\"id\":\"m_flicker\",\"name\":\"flicker\",\"mode\":\"queued\","
        + "\"triggers\":["
        + "{\"type\":\"state\",\"entity_id\":\"switch.garden_pump\"}],\"actions\":[{\"type\":"
        + "\"entity_action\",\"entity_id\":\"switch.garden_pump\",\"action\":\"toggle\"}]}");
    rig.client().call("POST", "/api/v1/entities/switch.garden_pump/action",
        "{\"action\":\"toggle\"}");
    rig.log().quiesce();
    List<String> results = results("m_flicker");
    assertThat(results).hasSize(6).startsWith("suppressed");
    assertThat(results.subList(1, 6)).containsOnly("completed");
    assertThat(rig.client().call("POST", "/api/v1/automations/m_flicker/disable", null).status())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("more runs per second than allowed are suppressed (reported once), then allowed again")
  void rateIsBounded() {
    rig.client().create("{\"id\":\"m_busy\",\"name\":\"busy\",\"mode\":\"parallel\",\"max\":100,"
        + "\"triggers\":[{\"type\":\"state\",\"entity_id\":\"sensor.m_counter\"}],\"actions\":"
        + "[{\"type\":\"notify\",\"message\":\"busy\"}]}");
    for (int i = 1; i <= 8; i++) {
      rig.client().state("sensor.m_counter", Integer.toString(i));
    }
    rig.log().quiesce();
    assertThat(results("m_busy")).containsExactly("suppressed", "completed", "completed",
        "completed", "completed", "completed");
    assertThat(rig.client().runs("m_busy").get(0).get("error").asText())
        .isEqualTo("more than 5 runs within one second (automation.max_runs_per_second)");
    rig.time().advance(Duration.ofSeconds(1));
    rig.client().state("sensor.m_counter", "100");
    rig.log().quiesce();
    assertThat(results("m_busy").get(0)).isEqualTo("completed");
  }

  @Test
  @DisplayName("a failing rule does not keep other rules on the same trigger from running")
  void failureIsIsolated() {
    rig.client().create("{\"id\":\"m_broken\",\"name\":\"broken\",\"triggers\":[{\"type\":"
        + "\"state\","
        + "\"entity_id\":\"binary_sensor.m_button\",\"to\":\"on\"}],\"actions\":[{\"type\":"
        + "\"entity_action\",\"entity_id\":\"lock.front_door\",\"action\":\"explode\"}]}");
    rig.client().create("{\"id\":\"m_fine\",\"name\":\"fine\",\"triggers\":[{\"type\":\"state\","
        + "\"entity_id\":\"binary_sensor.m_button\",\"to\":\"on\"}],\"actions\":[{\"type\":"
        + "\"notify\",\"message\":\"m_fine ran\"}]}");
    rig.client().state("binary_sensor.m_button", "on");
    rig.log().await(Notification.class, n -> n.message().equals("m_fine ran"));
    assertThat(rig.client().awaitFinishedRun("m_broken").get("result").asText()).isEqualTo("error");
    assertThat(rig.client().awaitFinishedRun("m_fine").get("result").asText())
        .isEqualTo("completed");
  }
}
