package io.pma.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.TestServer;
import io.pma.TestServer.Response;
import io.pma.domain.AutomationTriggered;
import io.pma.domain.EntityId;
import io.pma.domain.HaEvent;
import io.pma.domain.Json;
import io.pma.domain.Notification;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every action type, through a real server with the demo devices and a test-moved clock. */
class ActionsTest {
  @RegisterExtension
  static final AutomationRig rig = new AutomationRig();

  /** Creates a manual rule with these actions and runs it; returns the execution id. */
  private static String run(String id, String actions) {
    rig.client().create("{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"mode\":\"parallel\","
        + "\"triggers\":[{\"type\":\"manual\"}],\"actions\":[" + actions + "]}");
    return trigger(id);
  }

  private static String trigger(String id) {
    Response r = rig.client().trigger(id, null);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    return r.json().get("execution_id").asText();
  }

  private static String steps(JsonNode run) {
    StringBuilder text = new StringBuilder();
    run.get("steps").forEach(s -> text.append(s.get("path").asText()).append(' ')
        .append(s.get("type").asText()).append(' ').append(s.get("result").asText())
        .append(": ").append(s.get("detail").asText()).append('\n'));
    return text.toString();
  }

  private static Notification notification(String message) {
    return rig.log().await(Notification.class, n -> n.message().equals(message));
  }

  @Test
  @DisplayName("entity_action goes to the owning adapter, like the REST action; the device changes")
  void entityAction() {
    assertThat(rig.client().entityState("light.bedroom")).isEqualTo("off");
    run("a_light", "{\"type\":\"entity_action\",\"entity_id\":\"light.bedroom\","
        + "\"action\":\"turn_on\",\"parameters\":{\"brightness\":77}}");
    JsonNode run = rig.client().awaitFinishedRun("a_light");
    assertThat(run.get("result").asText()).isEqualTo("completed");
    assertThat(steps(run)).isEqualTo(
        "actions[0] entity_action ok: 'turn_on' accepted by adapter 'demo'\n");
    JsonNode light = rig.client().call("GET", "/api/v1/entities/light.bedroom", null).json();
    assertThat(light.get("state").asText()).isEqualTo("on");
    assertThat(light.get("attributes").get("brightness").asInt()).isEqualTo(77);
  }

  @Test
  @DisplayName("a failing entity_action ends the run with an error naming the step; later steps do not run")
  void failingActions() {
    run("a_unsupported", "{\"type\":\"entity_action\",\"entity_id\":\"sensor.office_co2\","
        + "\"action\":\"turn_on\"},{\"type\":\"notify\",\"message\":\"never\"}");
    JsonNode run = rig.client().awaitFinishedRun("a_unsupported");
    assertThat(run.get("result").asText()).isEqualTo("error");
    assertThat(run.get("error").asText()).isEqualTo("actions[0] (entity_action): action"
        + " 'turn_on' is not supported by sensor.office_co2");
    assertThat(steps(run)).isEqualTo("actions[0] entity_action error: action 'turn_on' is not"
        + " supported by sensor.office_co2\n");
    run("a_missing", "{\"type\":\"entity_action\",\"entity_id\":\"light.nowhere\","
        + "\"action\":\"turn_on\"}");
    assertThat(rig.client().awaitFinishedRun("a_missing").get("error").asText())
        .isEqualTo("actions[0] (entity_action): entity light.nowhere does not exist");
    run("a_bad_parameter", "{\"type\":\"notify\",\"message\":\"first\"},{\"type\":"
        + "\"entity_action\",\"entity_id\":\"light.office\",\"action\":\"set_brightness\","
        + "\"parameters\":{\"brightness\":999}}");
    JsonNode bad = rig.client().awaitFinishedRun("a_bad_parameter");
    assertThat(bad.get("error").asText()).startsWith("actions[1] (entity_action):")
        .contains("brightness");
    rig.log().quiesce();
    assertThat(rig.log().all(Notification.class, n -> n.message().equals("never"))).isEmpty();
    run("a_after_failures", "{\"type\":\"notify\",\"message\":\"still working\"}");
    notification("still working");
  }

  @Test
  @DisplayName("notify publishes a notification with the rule as its source")
  void notifyAction() {
    run("a_notify", "{\"type\":\"notify\",\"title\":\"Door\",\"message\":\"The door is open\","
        + "\"level\":\"warning\",\"user_id\":\"u-42\"}");
    Notification n = notification("The door is open");
    assertThat(n.title()).isEqualTo("Door");
    assertThat(n.level()).isEqualTo("warning");
    assertThat(n.userId()).isEqualTo("u-42");
    assertThat(n.source()).isEqualTo("automation:a_notify");
    assertThat(n.createdAt()).isEqualTo(rig.time().instant());
    assertThat(n.id()).isNotBlank();
    assertThat(n.topic()).isEqualTo("notifications");
    JsonNode run = rig.client().awaitFinishedRun("a_notify");
    assertThat(steps(run)).isEqualTo("actions[0] notify ok: notification " + n.id() + "\n");
  }

  @Test
  @DisplayName("delay waits on the clock; the run shows the waiting step as running")
  void delay() {
    run("a_delay", "{\"type\":\"notify\",\"message\":\"before delay\"},{\"type\":\"delay\","
        + "\"delay\":\"30s\"},{\"type\":\"notify\",\"message\":\"after delay\"}");
    notification("before delay");
    rig.log().quiesce();
    JsonNode running = rig.client().runs("a_delay").get(0);
    assertThat(running.get("result").asText()).isEqualTo("running");
    assertThat(running.get("finished_at").isNull()).isTrue();
    assertThat(running.get("steps").get(1).get("result").asText()).isEqualTo("running");
    rig.time().advance(Duration.ofMillis(29_999));
    rig.log().quiesce();
    assertThat(rig.log().all(Notification.class, n -> n.message().equals("after delay"))).isEmpty();
    rig.time().advance(Duration.ofMillis(1));
    notification("after delay");
    JsonNode run = rig.client().awaitFinishedRun("a_delay");
    assertThat(run.get("result").asText()).isEqualTo("completed");
    assertThat(steps(run)).contains("actions[1] delay ok: waited 30s\n");
  }

  @Test
  @DisplayName("wait_for_state continues when the state is reached, at once when it already is")
  void waitReached() {
    rig.client().state("cover.w_door", "open");
    run("a_wait", "{\"type\":\"wait_for_state\",\"entity_id\":\"cover.w_door\",\"state\":"
        + "[\"closed\",\"locked\"],\"timeout\":\"1m\"},{\"type\":\"notify\",\"message\":"
        + "\"door closed\"}");
    rig.log().quiesce();
    assertThat(rig.log().all(Notification.class, n -> n.message().equals("door closed"))).isEmpty();
    rig.client().state("cover.w_door", "closing");
    rig.client().state("cover.w_door", "closed");
    notification("door closed");
    assertThat(steps(rig.client().awaitFinishedRun("a_wait"))).startsWith(
        "actions[0] wait_for_state ok: reached after waiting\n");
    trigger("a_wait");
    JsonNode second = rig.client().awaitRun("a_wait", r -> r.get("result").asText().equals(
        "completed") && r.get("steps").get(0).get("detail").asText().startsWith("already"));
    assertThat(steps(second)).startsWith("actions[0] wait_for_state ok: already closed\n");
  }

  @Test
  @DisplayName("wait_for_state timing out goes on with continue_on_timeout, else ends the run")
  void waitTimeout() {
    rig.client().state("lock.w_gate", "unlocked");
    run("a_wait_on", "{\"type\":\"wait_for_state\",\"entity_id\":\"lock.w_gate\",\"state\":"
        + "\"locked\",\"timeout\":\"1m\",\"continue_on_timeout\":true},{\"type\":\"notify\","
        + "\"message\":\"gone on\"}");
    run("a_wait_stop", "{\"type\":\"wait_for_state\",\"entity_id\":\"lock.w_gate\",\"state\":"
        + "\"locked\",\"timeout\":\"1m\"},{\"type\":\"notify\",\"message\":\"never after timeout\"}");
    rig.log().quiesce();
    rig.time().advance(Duration.ofMinutes(1));
    notification("gone on");
    JsonNode goneOn = rig.client().awaitFinishedRun("a_wait_on");
    assertThat(goneOn.get("result").asText()).isEqualTo("completed");
    assertThat(steps(goneOn)).startsWith("actions[0] wait_for_state timed_out: no matching"
        + " state within 1m; continuing\n");
    JsonNode stopped = rig.client().awaitFinishedRun("a_wait_stop");
    assertThat(stopped.get("result").asText()).isEqualTo("error");
    assertThat(stopped.get("error").asText()).isEqualTo(
        "actions[0] (wait_for_state): no matching state within 1m");
    assertThat(steps(stopped)).isEqualTo(
        "actions[0] wait_for_state timed_out: no matching state within 1m\n");
    rig.client().state("lock.w_gate", "locked");
    rig.log().quiesce();
    assertThat(rig.log().all(Notification.class, n -> n.message().equals("never after timeout")))
        .isEmpty();
  }

  @Test
  @DisplayName("fire_event publishes an ha_event with origin pma; event triggers see it as caused by the run")
  void fireEvent() {
    rig.client().create("{\"id\":\"a_listener\",\"name\":\"listener\",\"triggers\":[{\"type\":"
        + "\"event\",\"event_type\":\"scene_ready\"}],\"actions\":[{\"type\":\"notify\","
        + "\"message\":\"heard\"}]}");
    String execution = run("a_fire", "{\"type\":\"fire_event\",\"event_type\":\"scene_ready\","
        + "\"data\":{\"scene\":\"evening\"}}");
    HaEvent event = rig.log().await(HaEvent.class, e -> e.eventType().equals("scene_ready"));
    assertThat(event.topic()).isEqualTo("ha_events:scene_ready");
    assertThat(Json.write(event)).isEqualTo("{\"event_type\":\"scene_ready\",\"data\":"
        + "{\"scene\":\"evening\"},\"origin\":\"pma\",\"time_fired\":\""
        + Json.formatInstant(rig.time().instant()) + "\",\"adapter_id\":null}");
    AutomationTriggered heard = rig.log().await(AutomationTriggered.class,
        e -> e.automationId().equals("a_listener"));
    assertThat(heard.trigger().get("caused_by").asText()).isEqualTo(execution);
    assertThat(heard.trigger().get("origin").asText()).isEqualTo("pma");
    assertThat(rig.client().awaitFinishedRun("a_listener").get("depth").asInt()).isEqualTo(1);
  }

  @Test
  @DisplayName("choose runs the first branch whose conditions hold, else the default")
  void choose() {
    rig.client().create("{\"id\":\"a_choose\",\"name\":\"choose\",\"triggers\":[{\"type\":"
        + "\"manual\"}],\"actions\":[{\"type\":\"choose\",\"choices\":["
        + "{\"conditions\":[{\"type\":\"state\",\"entity_id\":\"select.c_mode\",\"state\":"
        + "\"a\"}],\"actions\":[{\"type\":\"notify\",\"message\":\"chose a\"}]},"
        + "{\"conditions\":[{\"type\":\"state\",\"entity_id\":\"select.c_mode\",\"state\":"
        + "\"b\"}],\"actions\":[{\"type\":\"notify\",\"message\":\"chose b\"}]}],"
        + "\"default\":[{\"type\":\"notify\",\"message\":\"chose default\"}]},"
        + "{\"type\":\"notify\",\"message\":\"after choose\"}]}");
    rig.client().state("select.c_mode", "b");
    trigger("a_choose");
    notification("chose b");
    assertThat(steps(rig.client().awaitFinishedRun("a_choose"))).isEqualTo(
        "actions[0] choose ok: took choices[1]\n"
            + "actions[0].choices[1].actions[0] notify ok: notification "
            + notification("chose b").id() + "\n"
            + "actions[1] notify ok: notification " + notification("after choose").id() + "\n");
    rig.client().state("select.c_mode", "z");
    rig.log().clear();
    trigger("a_choose");
    notification("chose default");
    assertThat(steps(rig.client().awaitRun("a_choose", r -> r.get("result").asText()
        .equals("completed") && r.get("steps").size() == 3)))
        .contains("actions[0] choose ok: took default\n")
        .contains("actions[0].default[0] notify ok");
    assertThat(rig.log().all(Notification.class, n -> n.message().startsWith("chose a"))).isEmpty();
    assertThat(rig.server().server().registry().get(EntityId.parse("select.c_mode"))).isPresent();
  }
}
