package io.pma.automation;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.ManualTime;
import io.pma.TestServer;
import io.pma.domain.AutomationTriggered;
import io.pma.domain.HaEvent;
import io.pma.domain.Json;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every trigger type, through a real server whose clock the test moves. */
class TriggersTest {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Map<String, String> CONFIG = Map.of("PMA_DEMO_TICK_MS", "3600000",
      "PMA_AUTOMATION_TIME_ZONE", "Europe/Berlin", "PMA_AUTH_TOKEN_TTL_MINUTES", "43200");
  private static ManualTime time;
  private static TestServer server;
  private static AutomationClient client;
  private static EventLog log;

  @BeforeAll
  static void start() {
    time = new ManualTime(Instant.parse("2026-03-02T06:29:00Z"));
    server = TestServer.start(CONFIG, time);
    client = new AutomationClient(server);
    log = EventLog.attach(server.server());
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static List<AutomationTriggered> runsOf(String id) {
    return log.all(AutomationTriggered.class, e -> e.automationId().equals(id));
  }

  private static String notifyRule(String id, String trigger) {
    return "{\"id\":\"" + id + "\",\"name\":\"" + id + "\",\"mode\":\"parallel\",\"triggers\":["
        + trigger + "],\"actions\":[{\"type\":\"notify\",\"message\":\"" + id + "\"}]}";
  }

  @Test
  @DisplayName("a state trigger fires on the from/to transition only, describing what changed")
  void stateFromTo() {
    client.create(notifyRule("door_open", "{\"type\":\"state\","
        + "\"entity_id\":\"binary_sensor.t_door\",\"from\":\"off\",\"to\":\"on\"}"));
    client.state("binary_sensor.t_door", "off");
    client.state("binary_sensor.t_door", "on");
    AutomationTriggered fired = log.await(AutomationTriggered.class,
        e -> e.automationId().equals("door_open"));
    assertThat(fired.trigger().toString()).isEqualTo("{\"type\":\"state\",\"index\":0,"
        + "\"entity_id\":\"binary_sensor.t_door\",\"from\":\"off\",\"to\":\"on\"}");
    assertThat(fired.name()).isEqualTo("door_open");
    client.state("binary_sensor.t_door", "unavailable");
    client.state("binary_sensor.t_door", "on");
    client.state("binary_sensor.t_door", "on");
    log.quiesce();
    assertThat(runsOf("door_open")).hasSize(1);
  }

  @Test
  @DisplayName("a state trigger with a glob and an attribute fires when that attribute changes")
  void globAndAttribute() {
    client.create(notifyRule("eco_mode", "{\"type\":\"state\","
        + "\"entity_id\":\"climate.t_*\",\"attribute\":\"preset\",\"to\":\"eco\"}"));
    client.state("climate.t_office", "heat", "{\"preset\":\"comfort\"}");
    client.state("climate.t_office", "heat", "{\"preset\":\"eco\"}");
    client.state("switch.t_other", "on", "{\"preset\":\"comfort\"}");
    client.state("switch.t_other", "on", "{\"preset\":\"eco\"}");
    AutomationTriggered fired = log.await(AutomationTriggered.class,
        e -> e.automationId().equals("eco_mode"));
    assertThat(fired.trigger().toString()).isEqualTo("{\"type\":\"state\",\"index\":0,"
        + "\"entity_id\":\"climate.t_office\",\"attribute\":\"preset\",\"from\":\"comfort\","
        + "\"to\":\"eco\"}");
    client.state("climate.t_office", "cool", "{\"preset\":\"eco\"}");
    log.quiesce();
    assertThat(runsOf("eco_mode")).hasSize(1);
  }

  @Test
  @DisplayName("a state trigger with 'for' fires only once the state has held that long")
  void stateFor() {
    client.create(notifyRule("held_on", "{\"type\":\"state\","
        + "\"entity_id\":\"binary_sensor.t_held\",\"to\":\"on\",\"for\":\"2s\"}"));
    client.state("binary_sensor.t_held", "off");
    client.state("binary_sensor.t_held", "on");
    log.quiesce();
    time.advance(Duration.ofMillis(1999));
    log.quiesce();
    assertThat(runsOf("held_on")).isEmpty();
    time.advance(Duration.ofMillis(1));
    AutomationTriggered fired = log.await(AutomationTriggered.class,
        e -> e.automationId().equals("held_on"));
    assertThat(fired.trigger().get("for").asText()).isEqualTo("2s");
    assertThat(fired.triggeredAt()).isEqualTo(time.instant());

    client.state("binary_sensor.t_held", "off");
    client.state("binary_sensor.t_held", "on");
    log.quiesce();
    time.advance(Duration.ofSeconds(1));
    client.state("binary_sensor.t_held", "off");
    log.quiesce();
    time.advance(Duration.ofSeconds(5));
    log.quiesce();
    assertThat(runsOf("held_on")).hasSize(1);
  }

  @Test
  @DisplayName("a numeric trigger fires when the value crosses into its range, not while inside")
  void numericCrossing() {
    client.create(notifyRule("too_warm", "{\"type\":\"numeric\","
        + "\"entity_id\":\"sensor.t_temp\",\"above\":25,\"below\":40}"));
    client.state("sensor.t_temp", "20");
    client.state("sensor.t_temp", "26.5");
    AutomationTriggered fired = log.await(AutomationTriggered.class,
        e -> e.automationId().equals("too_warm"));
    assertThat(fired.trigger().toString()).isEqualTo("{\"type\":\"numeric\",\"index\":0,"
        + "\"entity_id\":\"sensor.t_temp\",\"value\":26.5,\"above\":25.0,\"below\":40.0}");
    client.state("sensor.t_temp", "27");
    client.state("sensor.t_temp", "45");
    client.state("sensor.t_temp", "unavailable");
    log.quiesce();
    assertThat(runsOf("too_warm")).hasSize(1);
    client.state("sensor.t_temp", "30");
    log.quiesce();
    assertThat(runsOf("too_warm")).hasSize(2);
  }

  @Test
  @DisplayName("a numeric trigger on an attribute with 'for' is cancelled when the value leaves")
  void numericAttributeFor() {
    client.create(notifyRule("low_battery", "{\"type\":\"numeric\",\"entity_id\":"
        + "\"sensor.t_phone\",\"attribute\":\"battery\",\"below\":15,\"for\":\"1m\"}"));
    client.state("sensor.t_phone", "ok", "{\"battery\":50}");
    client.state("sensor.t_phone", "ok", "{\"battery\":10}");
    log.quiesce();
    time.advance(Duration.ofSeconds(30));
    client.state("sensor.t_phone", "ok", "{\"battery\":9}");
    client.state("sensor.t_phone", "ok", "{\"battery\":20}");
    log.quiesce();
    time.advance(Duration.ofMinutes(2));
    log.quiesce();
    assertThat(runsOf("low_battery")).isEmpty();
    client.state("sensor.t_phone", "ok", "{\"battery\":5}");
    log.quiesce();
    time.advance(Duration.ofMinutes(1));
    AutomationTriggered fired = log.await(AutomationTriggered.class,
        e -> e.automationId().equals("low_battery"));
    assertThat(fired.trigger().get("value").asDouble()).isEqualTo(5.0);
    assertThat(fired.trigger().get("attribute").asText()).isEqualTo("battery");
  }

  @Test
  @DisplayName("a time trigger fires at its local time in the configured zone, every day")
  void timeOfDay() {
    ZonedDateTime local = time.instant().atZone(BERLIN).plusMinutes(2)
        .truncatedTo(ChronoUnit.MINUTES);
    String at = LocalTime.from(local).toString();
    client.create(notifyRule("alarm", "{\"type\":\"time\",\"at\":\"" + at + "\"}"));
    log.quiesce();
    time.advance(Duration.between(time.instant(), local.toInstant()).minusMillis(1));
    log.quiesce();
    assertThat(runsOf("alarm")).isEmpty();
    time.advance(Duration.ofMillis(1));
    AutomationTriggered fired = log.await(AutomationTriggered.class,
        e -> e.automationId().equals("alarm"));
    assertThat(fired.trigger().toString()).isEqualTo("{\"type\":\"time\",\"at\":\"" + at
        + "\",\"index\":0,\"scheduled_for\":\"" + Json.formatInstant(local.toInstant()) + "\"}");
    log.quiesce();
    time.advance(Duration.ofDays(1));
    log.quiesce();
    assertThat(runsOf("alarm")).hasSize(2);
    assertThat(runsOf("alarm").get(1).trigger().get("scheduled_for").asText())
        .isEqualTo(Json.formatInstant(local.plusDays(1).toInstant()));
  }

  @Test
  @DisplayName("a cron trigger fires on its schedule")
  void cron() {
    client.create(notifyRule("quarterly", "{\"type\":\"cron\",\"cron\":\"*/15 * * * *\"}"));
    log.quiesce();
    Instant next = CronExpression.parse("*/15 * * * *").next(time.instant(), BERLIN)
        .orElseThrow().toInstant();
    time.advance(Duration.between(time.instant(), next));
    AutomationTriggered fired = log.await(AutomationTriggered.class,
        e -> e.automationId().equals("quarterly"));
    assertThat(fired.trigger().get("scheduled_for").asText())
        .isEqualTo(Json.formatInstant(next));
    assertThat(fired.trigger().get("cron").asText()).isEqualTo("*/15 * * * *");
    log.quiesce();
    time.advance(Duration.ofMinutes(15));
    log.quiesce();
    assertThat(runsOf("quarterly")).hasSize(2);
  }

  @Test
  @DisplayName("an interval trigger fires every interval from when the rule was loaded")
  void interval() {
    Instant loaded = time.instant();
    client.create(notifyRule("every_ten", "{\"type\":\"interval\",\"every\":\"10s\"}"));
    log.quiesce();
    time.advance(Duration.ofSeconds(10));
    log.quiesce();
    time.advance(Duration.ofSeconds(10));
    log.quiesce();
    List<AutomationTriggered> runs = runsOf("every_ten");
    assertThat(runs).extracting(r -> r.trigger().get("scheduled_for").asText()).containsExactly(
        Json.formatInstant(loaded.plusSeconds(10)), Json.formatInstant(loaded.plusSeconds(20)));
    client.call("POST", "/api/v1/automations/every_ten/disable", null);
    log.quiesce();
    time.advance(Duration.ofSeconds(30));
    log.quiesce();
    assertThat(runsOf("every_ten")).hasSize(2);
  }

  @Test
  @DisplayName("an event trigger matches the event type glob and a subset of the data")
  void event() {
    client.create(notifyRule("doorbell", "{\"type\":\"event\",\"event_type\":\"doorbell_*\","
        + "\"data\":{\"button\":\"front\",\"info\":{\"count\":1}}}"));
    log.quiesce();
    publish("doorbell_pressed", "{\"button\":\"back\",\"info\":{\"count\":1}}");
    publish("doorbell_pressed", "{\"button\":\"front\"}");
    publish("other_pressed", "{\"button\":\"front\",\"info\":{\"count\":1}}");
    publish("doorbell_pressed", "{\"button\":\"front\",\"info\":{\"count\":1.0,\"x\":2}}");
    AutomationTriggered fired = log.await(AutomationTriggered.class,
        e -> e.automationId().equals("doorbell"));
    assertThat(fired.trigger().toString()).isEqualTo("{\"type\":\"event\",\"index\":0,"
        + "\"event_type\":\"doorbell_pressed\",\"origin\":\"REMOTE\",\"data\":{\"button\":"
        + "\"front\",\"info\":{\"count\":1.0,\"x\":2}}}");
    log.quiesce();
    assertThat(runsOf("doorbell")).hasSize(1);
  }

  private static void publish(String type, String data) {
    try {
      server.server().broker().publish(new HaEvent(type,
          (com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(data), "REMOTE",
          time.instant(), "ha_test"));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("a manual trigger never fires by itself; POST .../trigger runs it and says who")
  void manual() {
    client.create(notifyRule("by_hand", "{\"type\":\"manual\"}"));
    log.quiesce();
    time.advance(Duration.ofMinutes(5));
    log.quiesce();
    assertThat(runsOf("by_hand")).isEmpty();
    TestServer.Response r = client.call("POST", "/api/v1/automations/by_hand/trigger", null);
    assertThat(r.status()).as(r.body()).isEqualTo(202);
    JsonNode body = r.json();
    assertThat(body.get("status").asText()).isEqualTo("started");
    AutomationTriggered fired = log.await(AutomationTriggered.class,
        e -> e.automationId().equals("by_hand"));
    assertThat(fired.executionId()).isEqualTo(body.get("execution_id").asText());
    assertThat(fired.trigger().get("type").asText()).isEqualTo("manual");
    assertThat(fired.trigger().get("username").asText()).isEqualTo("admin");
  }
}
