package io.pma.automation;

import io.pma.BrokerEvents;
import static org.assertj.core.api.Assertions.assertThat;

import io.pma.domain.AutomationTriggered;
import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.EntityUpdate;
import io.pma.domain.Notification;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Rules on the demo devices with a test-moved clock: {@code for:}, a time of day, and a restart.
 * The motion sensor is driven the way the demo adapter reports it: through the registry.
 */
class DemoHomeAutomationTest {
  private static final EntityId MOTION = EntityId.parse("binary_sensor.hallway_motion");
  @RegisterExtension
  static final AutomationRig rig = new AutomationRig();

  /** What the demo adapter does when its motion sensor changes. */
  private static void motion(String state) {
    Entity current = rig.server().server().registry().get(MOTION).orElseThrow();
    rig.server().server().registry().apply(new EntityUpdate(MOTION, state, current.attributes(),
        "demo", "demo", current.name(), current.area(), true));
  }

  private static void action(String entityId, String action) {
    assertThat(rig.client().call("POST", "/api/v1/entities/" + entityId + "/action",
        "{\"action\":\"" + action + "\"}").status()).isEqualTo(202);
  }

  @Test
  @DisplayName("a 'for: 2s' rule fires only when the motion lasts 2 s")
  void motionHeldTwoSeconds() {
    action("light.living_room", "turn_off");
    Predicate<AutomationTriggered> lingering = e -> e.automationId().equals("lingering");
    BrokerEvents log = BrokerEvents.attach(rig.server().server());
    rig.client().create("{\"id\":\"lingering\",\"name\":\"Lingering in the hallway\","
        + "\"triggers\":[{\"type\":\"state\",\"entity_id\":\"binary_sensor.hallway_motion\","
        + "\"to\":\"on\",\"for\":\"2s\"}],\"actions\":[{\"type\":\"entity_action\","
        + "\"entity_id\":\"light.living_room\",\"action\":\"turn_on\"}]}");
    motion("off");
    motion("on");
    log.quiesce();
    rig.time().advance(Duration.ofMillis(1500));
    motion("off");
    log.quiesce();
    rig.time().advance(Duration.ofSeconds(3));
    log.quiesce();
    assertThat(log.all(AutomationTriggered.class, lingering)).isEmpty();
    assertThat(rig.client().entityState("light.living_room")).isEqualTo("off");

    motion("on");
    log.quiesce();
    rig.time().advance(Duration.ofMillis(1999));
    log.quiesce();
    assertThat(log.all(AutomationTriggered.class, lingering)).isEmpty();
    rig.time().advance(Duration.ofMillis(1));
    log.await(EntityStateChanged.class,
        e -> e.entityId().toString().equals("light.living_room")
            && e.newState().equals("on"));
    assertThat(log.all(AutomationTriggered.class, lingering)).hasSize(1);
    motion("off");
  }

  @Test
  @DisplayName("a time trigger fires at its time: the porch light goes on at 07:30 in Berlin")
  void timeOfDay() {
    BrokerEvents log = BrokerEvents.attach(rig.server().server());
    action("light.porch", "turn_off");
    rig.client().create("{\"id\":\"porch_morning\",\"name\":\"Porch light in the morning\","
        + "\"triggers\":[{\"type\":\"time\",\"at\":\"07:30\"}],\"actions\":[{\"type\":"
        + "\"entity_action\",\"entity_id\":\"light.porch\",\"action\":\"turn_on\"},"
        + "{\"type\":\"notify\",\"message\":\"Good morning\"}]}");
    log.quiesce();
    Instant due = Instant.parse("2026-03-03T06:30:00Z");
    if (rig.time().instant().isBefore(Instant.parse("2026-03-02T06:30:00Z"))) {
      due = Instant.parse("2026-03-02T06:30:00Z");
    }
    rig.time().advanceTo(due.minusSeconds(1));
    log.quiesce();
    assertThat(rig.client().entityState("light.porch")).isEqualTo("off");
    rig.time().advance(Duration.ofSeconds(1));
    log.await(EntityStateChanged.class, e -> e.entityId().toString().equals("light.porch")
        && e.newState().equals("on"));
    Notification morning = log.await(Notification.class,
        n -> n.message().equals("Good morning"));
    assertThat(morning.createdAt()).isEqualTo(due);
  }

  @Test
  @DisplayName("rules survive a restart and keep working on the demo devices")
  void restart() {
    action("switch.coffee_maker", "turn_off");
    rig.client().create("{\"id\":\"coffee\",\"name\":\"Coffee when someone moves\",\"triggers\":["
        + "{\"type\":\"state\",\"entity_id\":\"binary_sensor.hallway_motion\",\"from\":\"off\","
        + "\"to\":\"on\"}],\"actions\":[{\"type\":\"entity_action\",\"entity_id\":"
        + "\"switch.coffee_maker\",\"action\":\"turn_on\"}]}");
    rig.restart();
    BrokerEvents log = BrokerEvents.attach(rig.server().server());
    assertThat(rig.client().call("GET", "/api/v1/automations/coffee", null).status())
        .isEqualTo(200);
    motion("off");
    motion("on");
    log.await(EntityStateChanged.class, e -> e.entityId().toString()
        .equals("switch.coffee_maker") && e.newState().equals("on"));
    motion("off");
  }
}
