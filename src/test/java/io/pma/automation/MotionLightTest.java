package io.pma.automation;

import io.pma.BrokerEvents;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.TestServer;
import io.pma.WsTestClient;
import io.pma.bus.Published;
import io.pma.domain.AutomationTriggered;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.Json;
import io.pma.domain.Notification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The acceptance scenario with the real demo devices and the real clock: the demo motion
 * sensor fires on its own (fast demo tick), the rule turns the kitchen light on and notifies, and
 * a /ws subscriber receives {@code automation_triggered} and {@code notification}.
 */
class MotionLightTest {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  @DisplayName("motion in the hallway turns the kitchen light on and notifies")
  void motionTurnsOnLight() {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", "50"))) {
      AutomationClient client = new AutomationClient(server);
      BrokerEvents log = BrokerEvents.attach(server.server());
      try (WsTestClient socket = WsTestClient.open(server.wsUrl() + "?token="
          + server.adminToken())) {
        socket.send("{\"type\":\"subscribe\",\"data\":{\"topics\":"
            + "[\"automation_events:motion_*\"]}}");
        socket.first("subscription_success", WAIT);
        assertThat(client.entityState("light.kitchen")).isEqualTo("off");
        client.create("{\"id\":\"motion_light\",\"name\":\"Motion turns on the kitchen light\","
            + "\"triggers\":[{\"type\":\"state\",\"entity_id\":\"binary_sensor.hallway_motion\","
            + "\"to\":\"on\"}],\"actions\":[{\"type\":\"entity_action\",\"entity_id\":"
            + "\"light.kitchen\",\"action\":\"turn_on\"},{\"type\":\"notify\",\"title\":"
            + "\"Motion\",\"message\":\"Hallway motion: kitchen light on\"}]}");
        // The demo sensor fires at random every few ticks; the first run answers one of them.
        Published fired = log.published(AutomationTriggered.class,
            e -> e.automationId().equals("motion_light"), WAIT);
        List<Published> motions = log.deliveries(EntityStateChanged.class,
            e -> e.entityId().toString().equals("binary_sensor.hallway_motion")
                && e.newState().equals("on") && e.oldState().equals("off"));
        Published motion = motions.stream().filter(m -> m.seq() < fired.seq())
            .reduce((first, second) -> second).orElseThrow();
        // The run's effects, in the order the rule lists them, after the run was announced. How
        // fast that happens is a speed target, which is a benchmark's business, not this test's.
        Published light = log.published(EntityStateChanged.class,
            e -> e.entityId().toString().equals("light.kitchen"), WAIT);
        Published notified = log.published(Notification.class,
            n -> n.source().equals("automation:motion_light"), WAIT);
        assertThat(fired.seq()).isGreaterThan(motion.seq());
        assertThat(((AutomationTriggered) fired.event()).trigger().get("to").asText())
            .isEqualTo("on");
        assertThat(light.seq()).isGreaterThan(fired.seq());
        assertThat(notified.seq()).isGreaterThan(light.seq());
        assertThat(((EntityStateChanged) light.event()).oldState()).isEqualTo("off");
        assertThat(((EntityStateChanged) light.event()).newState()).isEqualTo("on");

        AutomationTriggered event = (AutomationTriggered) fired.event();
        JsonNode frame = socket.first("automation_triggered", WAIT);
        assertThat(frame.get("topic").asText()).isEqualTo("automation_events:motion_*");
        assertThat(frame.get("seq").asLong()).isEqualTo(fired.seq());
        assertThat(frame.get("data").toString()).isEqualTo("{\"automation_id\":\"motion_light\","
            + "\"name\":\"Motion turns on the kitchen light\",\"execution_id\":\""
            + event.executionId() + "\",\"trigger\":{\"type\":\"state\",\"index\":0,"
            + "\"entity_id\":\"binary_sensor.hallway_motion\",\"from\":\"off\",\"to\":\"on\"},"
            + "\"triggered_at\":\"" + Json.formatInstant(event.triggeredAt()) + "\"}");
        Notification sent = (Notification) notified.event();
        JsonNode note = socket.first("notification", WAIT);
        assertThat(note.get("data").toString()).isEqualTo(Json.write(sent));
        assertThat(note.get("data").get("message").asText())
            .isEqualTo("Hallway motion: kitchen light on");
      }
      JsonNode run = client.awaitFinishedRun("motion_light");
      assertThat(run.get("result").asText()).isEqualTo("completed");
      assertThat(client.entityState("light.kitchen")).isEqualTo("on");
    }
  }
}
