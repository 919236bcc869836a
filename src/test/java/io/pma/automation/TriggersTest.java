package io.pma.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.TestServer;
import io.pma.domain.AutomationTriggered;
import io.pma.domain.HaEvent;
import io.pma.domain.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every trigger type, through a real server whose clock the test moves. */
class TriggersTest {
  @RegisterExtension
  static final AutomationRig rig = new AutomationRig();

  private static List<AutomationTriggered> runsOf(String id) {
    return rig.log().all(AutomationTriggered.class, e -> e.automationId().equals(id));
  }

  private static String notifyRule(String id, String trigger) {
    return "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"mode\":\"parallel\",\"triggers\":["
        + trigger + "],\"actions\":[{\"type\":\"notify\",\"message\":\"" + id + "\"}]}";
  }

  @Test
  @DisplayName("a state trigger fires on the from/to transition only, describing what changed")
  void stateFromTo() {
    rig.client().create(notifyRule("door_open", "{\"type\":\"state\","
        + "\"entity_id\":\"binary_sensor.t_door\",\"from\":\"off\",\"to\":\"on\"}"));
    rig.client().state("binary_sensor.t_door", "off");
    rig.client().state("binary_sensor.t_door", "on");
    AutomationTriggered fired = rig.log().await(AutomationTriggered.class,
        e -> e.automationId().equals("door_open"));
    assertThat(fired.trigger().toString()).isEqualTo("{\"type\":\"state\",\"index\":0,"
        + "\"entity_id\":\"binary_sensor.t_door\",\"from\":\"off\",\"to\":\"on\"}");
    assertThat(fired.name()).isEqualTo("door_open");
    rig.client().state("binary_sensor.t_door", "unavailable");
    rig.client().state("binary_sensor.t_door", "on");
    rig.client().state("binary_sensor.t_door", "on");
    rig.log().quiesce();
    assertThat(runsOf("door_open")).hasSize(1);
  }

  @Test
  @DisplayName("a state trigger with a glob and an attribute fires when that attribute changes")
  void globAndAttribute() {
    rig.client().create(notifyRule("eco_mode", "{\"type\":\"state\","
        + "\"entity_id\":\"climate.t_*\",\"attribute\":\"preset\",\"to\":\"eco\"}"));
    rig.client().state("climate.t_office", "heat", "{\"preset\":\"comfort\"}");
    rig.client().state("climate.t_office", "heat", "{\"preset\":\"eco\"}");
    rig.client().state("switch.t_other", "on", "{\"preset\":\"comfort\"}");
    rig.client().state("switch.t_other", "on", "{\"preset\":\"eco\"}");
    AutomationTriggered fired = rig.log().await(AutomationTriggered.class,
        e -> e.automationId().equals("eco_mode"));
    assertThat(fired.trigger().toString()).isEqualTo("{\"type\":\"state\",\"index\":0,"
        + "\"entity_id\":\"climate.t_office\",\"attribute\":\"preset\",\"from\":\"comfort\","
        + "\"to\":\"eco\"}");
    rig.client().state("climate.t_office", "cool", "{\"preset\":\"eco\"}");
    rig.log().quiesce();
    assertThat(runsOf("eco_mode")).hasSize(1);
  }

  @Test
  @DisplayName("a state trigger with 'for' fires only once the state has held that long")
  void stateFor() {
    rig.client().create(notifyRule("held_on", "{\"type\":\"state\","
        + "\"entity_id\":\"binary_sensor.t_held\",\"to\":\"on\",\"for\":\"2s\"}"));
    rig.client().state("binary_sensor.t_held", "off");
    rig.client().state("binary_sensor.t_held", "on");
    rig.log().quiesce();
    rig.time().advance(Duration.ofMillis(1999));
    rig.log().quiesce();
    assertThat(runsOf("held_on")).isEmpty();
    rig.time().advance(Duration.ofMillis(1));
    AutomationTriggered fired = rig.log().await(AutomationTriggered.class,
        e -> e.automationId().equals("held_on"));
    assertThat(fired.trigger().get("for").asText()).isEqualTo("2s");
    assertThat(fired.triggeredAt()).isEqualTo(rig.time().instant());

    rig.client().state("binary_sensor.t_held", "off");
    rig.client().state("binary_sensor.t_held", "on");
    rig.log().quiesce();
    rig.time().advance(Duration.ofSeconds(1));
    rig.client().state("binary_sensor.t_held", "off");
    rig.log().quiesce();
    rig.time().advance(Duration.ofSeconds(5));
    rig.log().quiesce();
    assertThat(runsOf("held_on")).hasSize(1);
  }

  @Test
  @DisplayName("a numeric trigger fires when the value crosses into its range, not while inside")
  void numericCrossing() {
    rig.client().create(notifyRule("too_warm", "{\"type\":\"numeric\","
        + "\"entity_id\":\"sensor.t_temp\",\"above\":25,\"below\":40}"));
    rig.client().state("sensor.t_temp", "20");
    rig.client().state("sensor.t_temp", "26.5");
    AutomationTriggered fired = rig.log().await(AutomationTriggered.class,
        e -> e.automationId().equals("too_warm"));
    assertThat(fired.trigger().toString()).isEqualTo("{\"type\":\"numeric\",\"index\":0,"
        + "\"entity_id\":\"sensor.t_temp\",\"value\":26.5,\"above\":25.0,\"below\":40.0}");
    rig.client().state("sensor.t_temp", "27");
    rig.client().state("sensor.t_temp", "45");
    rig.client().state("sensor.t_temp", "unavailable");
    rig.log().quiesce();
    assertThat(runsOf("too_warm")).hasSize(1);
    rig.client().state("sensor.t_temp", "30");
    rig.log().quiesce();
    assertThat(runsOf("too_warm")).hasSize(2);
  }

  @Test
  @DisplayName("a numeric trigger on an attribute with 'for' is cancelled when the value leaves")
  void numericAttributeFor() {
    rig.client().create(notifyRule("low_battery", "{\"type\":\"numeric\",\"entity_id\":"
        + "\"sensor.t_phone\",\"attribute\":\"battery\",\"below\":15,\"for\":\"1m\"}"));
    rig.client().state("sensor.t_phone", "ok", "{\"battery\":50}");
    rig.client().state("sensor.t_phone", "ok", "{\"battery\":10}");
    rig.log().quiesce();
    rig.time().advance(Duration.ofSeconds(30));
    rig.client().state("sensor.t_phone", "ok", "{\"battery\":9}");
    rig.client().state("sensor.t_phone", "ok", "{\"battery\":20}");
    rig.log().quiesce();
    rig.time().advance(Duration.ofMinutes(2));
    rig.log().quiesce();
    assertThat(runsOf("low_battery")).isEmpty();
    rig.client().state("sensor.t_phone", "ok", "{\"battery\":5}");
    rig.log().quiesce();
    rig.time().advance(Duration.ofMinutes(1));
    AutomationTriggered fired = rig.log().await(AutomationTriggered.class,
        e -> e.automationId().equals("low_battery"));
    assertThat(fired.trigger().get("value").asDouble()).isEqualTo(5.0);
    assertThat(fired.trigger().get("attribute").asText()).isEqualTo("battery");
  }

  @Test
  @DisplayName("a time trigger fires at its local time in the configured zone, every day")
  void timeOfDay() {
    ZonedDateTime local = rig.time().instant().atZone(AutomationRig.BERLIN).plusMinutes(2)
        .truncatedTo(ChronoUnit.MINUTES);
    String at = LocalTime.from(local).toString();
    rig.client().create(notifyRule("alarm", "{\"type\":\"time\",\"at\":\"" + at + "\"}"));
    rig.log().quiesce();
    rig.time().advance(Duration.between(rig.time().instant(), local.toInstant()).minusMillis(1));
    rig.log().quiesce();
    assertThat(runsOf("alarm")).isEmpty();
    rig.time().advance(Duration.ofMillis(1));
    AutomationTriggered fired = rig.log().await(AutomationTriggered.class,
        e -> e.automationId().equals("alarm"));
    assertThat(fired.trigger().toString()).isEqualTo("{\"type\":\"time\",\"at\":\"" + at
        + "\",\"index\":0,\"scheduled_for\":\"" + Json.formatInstant(local.toInstant()) + "\"}");
    rig.log().quiesce();
    rig.time().advance(Duration.ofDays(1));
    rig.log().quiesce();
    assertThat(runsOf("alarm")).hasSize(2);
    assertThat(runsOf("alarm").get(1).trigger().get("scheduled_for").asText())
        .isEqualTo(Json.formatInstant(local.plusDays(1).toInstant()));
  }

  @Test
  @DisplayName("a cron trigger fires on its schedule")
  void cron() {
    rig.client().create(notifyRule("quarterly", "{\"type\":\"cron\",\"cron\":\"*/15 * * * *\"}"));
    rig.log().quiesce();
    Instant next = CronExpression.parse("*/15 * * * *")
        .next(rig.time().instant(), AutomationRig.BERLIN)
        .orElseThrow().toInstant();
    rig.time().advance(Duration.between(rig.time().instant(), next));
    AutomationTriggered fired = rig.log().await(AutomationTriggered.class,
        e -> e.automationId().equals("quarterly"));
    assertThat(fired.trigger().get("scheduled_for").asText())
        .isEqualTo(Json.formatInstant(next));
    assertThat(fired.trigger().get("cron").asText()).isEqualTo("*/15 * * * *");
    rig.log().quiesce();
    rig.time().advance(Duration.ofMinutes(15));
    rig.log().quiesce();
    assertThat(runsOf("quarterly")).hasSize(2);
  }

  @Test
  @DisplayName("an interval trigger fires every interval from when the rule was loaded")
  void interval() {
    Instant loaded = rig.time().instant();
    rig.client().create(notifyRule("every_ten", "{\"type\":\"interval\",\"every\":\"10s\"}"));
    rig.log().quiesce();
    rig.time().advance(Duration.ofSeconds(10));
    rig.log().quiesce();
    rig.time().advance(Duration.ofSeconds(10));
    rig.log().quiesce();
    List<AutomationTriggered> runs = runsOf("every_ten");
    assertThat(runs).extracting(r -> r.trigger().get("scheduled_for").asText()).containsExactly(
        Json.formatInstant(loaded.plusSeconds(10)), Json.formatInstant(loaded.plusSeconds(20)));
    rig.client().call("POST", "/api/v1/automations/every_ten/disable", null);
    rig.log().quiesce();
    rig.time().advance(Duration.ofSeconds(30));
    rig.log().quiesce();
    assertThat(runsOf("every_ten")).hasSize(2);
  }

  @Test
  @DisplayName("an event trigger matches the event type glob and a subset of the data")
  void event() {
    rig.client().create(notifyRule("doorbell", "{\"type\":\"event\",\"event_type\":\"doorbell_*\","
        + "\"data\":{\"button\":\"front\",\"info\":{\"count\":1}}}"));
    rig.log().quiesce();
    publish("doorbell_pressed", "{\"button\":\"back\",\"info\":{\"count\":1}}");
    publish("doorbell_pressed", "{\"button\":\"front\"}");
    publish("other_pressed", "{\"button\":\"front\",\"info\":{\"count\":1}}");
    publish("doorbell_pressed", "{\"button\":\"front\",\"info\":{\"count\":1.0,\"x\":2}}");
    AutomationTriggered fired = rig.log().await(AutomationTriggered.class,
        e -> e.automationId().equals("doorbell"));
    assertThat(fired.trigger().toString()).isEqualTo("{\"type\":\"event\",\"index\":0,"
        + "\"event_type\":\"doorbell_pressed\",\"origin\":\"REMOTE\",\"data\":{\"button\":"
        + "\"front\",\"info\":{\"count\":1.0,\"x\":2}}}");
    rig.log().quiesce();
    assertThat(runsOf("doorbell")).hasSize(1);
  }

  private static void publish(String type, String data) {
    try {
      rig.server().server().broker().publish(new HaEvent(type,
          (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(data), "REMOTE",
          rig.time().instant(), "ha_test"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("a manual trigger never fires by itself; POST .../trigger runs it and says who")
  void manual() {
    rig.client().create(notifyRule("by_hand", "{\"type\":\"manual\"}"));
    rig.log().quiesce();
    rig.time().advance(Duration.ofMinutes(5));
    rig.log().quiesce();
    assertThat(runsOf("by_hand")).isEmpty();
    TestServer.Response r = rig.client().trigger("by_hand", null);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    JsonNode body = r.json();
    assertThat(body.get("status").asText()).isEqualTo("started");
    AutomationTriggered fired = rig.log().await(AutomationTriggered.class,
        e -> e.automationId().equals("by_hand"));
    assertThat(fired.executionId()).isEqualTo(body.get("execution_id").asText());
    assertThat(fired.trigger().get("type").asText()).isEqualTo("manual");
    assertThat(fired.trigger().get("username").asText()).isEqualTo("admin");
  }
}
