package io.pma.automation;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.TestServer;
import io.pma.TestServer.Response;
import io.pma.domain.AutomationTriggered;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every condition type, through a real rig.server(). The clock stands at Monday 2 March 2026, 07:29
 * in Europe/Berlin (the configured zone) unless a test moves it.
 */
class ConditionsTest {
  @RegisterExtension
  static final AutomationRig rig = new AutomationRig();

  /** A manual rule with one condition. */
  private static void rule(String id, String condition) {
    rig.client().create("{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"mode\":\"parallel\","
        + "\"triggers\":[{\"type\":\"manual\"}],\"conditions\":[" + condition + "],"
        + "\"actions\":[{\"type\":\"notify\",\"message\":\"" + id + "\"}]}");
  }

  /** Asks the rule to run only if its conditions hold; true when it ran. */
  private static boolean met(String id) {
    Response r = rig.client().trigger(id, "{\"skip_conditions\":false}");
    assertThat(r.status()).as(r.body()).isIn(200, 202);
    return r.json().get("status").asText().equals("started");
  }

  @Test
  @DisplayName("state: the entity's state is one of the given values (an unknown entity is not)")
  void state() {
    rule("c_state", "{\"type\":\"state\",\"entity_id\":\"sensor.c_mode\","
        + "\"state\":[\"home\",\"guest\"]}");
    assertThat(met("c_state")).isFalse();
    rig.client().state("sensor.c_mode", "away");
    assertThat(met("c_state")).isFalse();
    rig.client().state("sensor.c_mode", "home");
    assertThat(met("c_state")).isTrue();
    rig.client().state("sensor.c_mode", "guest");
    assertThat(met("c_state")).isTrue();
  }

  @Test
  @DisplayName("state with attribute: compares the attribute's value")
  void stateAttribute() {
    rule("c_attr", "{\"type\":\"state\",\"entity_id\":\"climate.c_hall\","
        + "\"attribute\":\"preset\",\"state\":\"eco\"}");
    rig.client().state("climate.c_hall", "eco", "{\"preset\":\"comfort\"}");
    assertThat(met("c_attr")).isFalse();
    rig.client().state("climate.c_hall", "heat", "{\"preset\":\"eco\"}");
    assertThat(met("c_attr")).isTrue();
  }

  @Test
  @DisplayName("state with 'for': the state must have lasted that long")
  void stateFor() {
    rule("c_for", "{\"type\":\"state\",\"entity_id\":\"binary_sensor.c_window\","
        + "\"state\":\"on\",\"for\":\"1m\"}");
    rig.client().state("binary_sensor.c_window", "on");
    assertThat(met("c_for")).isFalse();
    rig.time().advance(Duration.ofSeconds(59));
    assertThat(met("c_for")).isFalse();
    rig.time().advance(Duration.ofSeconds(1));
    assertThat(met("c_for")).isTrue();
    rig.client().state("binary_sensor.c_window", "on", "{\"only\":\"attributes\"}");
    assertThat(met("c_for")).as("an attribute change keeps last_changed").isTrue();
  }

  @Test
  @DisplayName("numeric: strictly above and below; non-numeric states never match")
  void numeric() {
    rule("c_num", "{\"type\":\"numeric\",\"entity_id\":\"sensor.c_power\","
        + "\"above\":10,\"below\":20}");
    rule("c_num_attr", "{\"type\":\"numeric\",\"entity_id\":\"sensor.c_power\","
        + "\"attribute\":\"voltage\",\"above\":220}");
    rig.client().state("sensor.c_power", "15", "{\"voltage\":230}");
    assertThat(met("c_num")).isTrue();
    assertThat(met("c_num_attr")).isTrue();
    rig.client().state("sensor.c_power", "20", "{\"voltage\":220}");
    assertThat(met("c_num")).isFalse();
    assertThat(met("c_num_attr")).isFalse();
    rig.client().state("sensor.c_power", "unknown");
    assertThat(met("c_num")).isFalse();
    assertThat(met("c_num_attr")).isFalse();
  }

  @Test
  @DisplayName("time: windows in the configured zone, windows past midnight, weekdays")
  void timeWindows() {
    rule("c_morning", "{\"type\":\"time\",\"after\":\"07:00\",\"before\":\"08:00\"}");
    rule("c_later", "{\"type\":\"time\",\"after\":\"08:00\"}");
    rule("c_night", "{\"type\":\"time\",\"after\":\"22:00\",\"before\":\"07:30\"}");
    rule("c_evening", "{\"type\":\"time\",\"after\":\"22:00\",\"before\":\"07:00\"}");
    rule("c_monday", "{\"type\":\"time\",\"weekdays\":[\"mon\"]}");
    rule("c_weekend", "{\"type\":\"time\",\"after\":\"07:00\",\"weekdays\":[\"sat\",\"sun\"]}");
    rig.time().advanceTo(nextMonday0729());
    assertThat(met("c_morning")).isTrue();
    assertThat(met("c_later")).isFalse();
    assertThat(met("c_night")).isTrue();
    assertThat(met("c_evening")).isFalse();
    assertThat(met("c_monday")).isTrue();
    assertThat(met("c_weekend")).isFalse();
    rig.time().advance(Duration.ofMinutes(1));
    assertThat(met("c_night")).as("07:30 is the end, excluded").isFalse();
    assertThat(met("c_morning")).isTrue();
    rig.time().advance(Duration.ofDays(5));
    assertThat(met("c_weekend")).as("Saturday 07:30").isTrue();
    assertThat(met("c_monday")).isFalse();
  }

  /** The next Monday 07:29 in Berlin from the current (test-moved) clock. */
  private static Instant nextMonday0729() {
    ZonedDateTime local = rig.time().instant().atZone(AutomationRig.BERLIN);
    ZonedDateTime target = local.with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY))
        .withHour(7).withMinute(29).withSecond(0).withNano(0);
    return target.isBefore(local) ? target.plusWeeks(1).toInstant() : target.toInstant();
  }

  @Test
  @DisplayName("and, or, not combine conditions")
  void logic() {
    rig.client().state("sensor.c_a", "on");
    rig.client().state("sensor.c_b", "off");
    String a = "{\"type\":\"state\",\"entity_id\":\"sensor.c_a\",\"state\":\"on\"}";
    String b = "{\"type\":\"state\",\"entity_id\":\"sensor.c_b\",\"state\":\"on\"}";
    rule("c_and", "{\"type\":\"and\",\"conditions\":[" + a + "," + b + "]}");
    rule("c_or", "{\"type\":\"or\",\"conditions\":[" + a + "," + b + "]}");
    rule("c_not", "{\"type\":\"not\",\"conditions\":[" + b + "]}");
    rule("c_not_any", "{\"type\":\"not\",\"conditions\":[" + b + "," + a + "]}");
    rule("c_nested", "{\"type\":\"and\",\"conditions\":[{\"type\":\"or\",\"conditions\":["
        + b + ",{\"type\":\"not\",\"conditions\":[" + b + "]}]}," + a + "]}");
    assertThat(met("c_and")).isFalse();
    assertThat(met("c_or")).isTrue();
    assertThat(met("c_not")).isTrue();
    assertThat(met("c_not_any")).isFalse();
    assertThat(met("c_nested")).isTrue();
    rig.client().state("sensor.c_b", "on");
    assertThat(met("c_and")).isTrue();
    assertThat(met("c_not")).isFalse();
  }

  @Test
  @DisplayName("conditions gate automatic triggers too: no run (and no event) while they fail")
  void gateTriggers() {
    rig.client().state("input_boolean.c_away", "off");
    rig.client().create("{\"id\":\"c_gated\",\"name\":\"gated\",\"mode\":\"parallel\",\"triggers\":"
        + "[{\"type\":\"state\",\"entity_id\":\"binary_sensor.c_motion\",\"to\":\"on\"}],"
        + "\"conditions\":[{\"type\":\"state\",\"entity_id\":\"input_boolean.c_away\","
        + "\"state\":\"on\"}],\"actions\":[{\"type\":\"notify\",\"message\":\"intruder\"}]}");
    rig.client().state("binary_sensor.c_motion", "off");
    rig.client().state("binary_sensor.c_motion", "on");
    rig.log().quiesce();
    assertThat(rig.log().all(AutomationTriggered.class, e -> e.automationId().equals("c_gated")))
        .isEmpty();
    assertThat(rig.client().runs("c_gated")).isEmpty();
    rig.client().state("input_boolean.c_away", "on");
    rig.client().state("binary_sensor.c_motion", "off");
    rig.client().state("binary_sensor.c_motion", "on");
    rig.log().await(AutomationTriggered.class, e -> e.automationId().equals("c_gated"));
  }
}
