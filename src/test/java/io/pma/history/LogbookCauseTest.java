package io.pma.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.Await;
import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import io.pma.domain.EntityUpdate;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;

/**
 * The logbook says who did what from the contexts the recorder stored (PROTOCOL.md section 9):
 * the demo devices answer actions the way real adapters do, so the changes they report carry the
 * context of the action (a REST call's user, an automation run).
 */
class LogbookCauseTest {
  private static final EntityId MOTION = EntityId.parse("binary_sensor.hallway_motion");
  private static final Map<String, String> DEMO = Map.of("PMA_DEMO_ENABLED", "true",
      "PMA_DEMO_TICK_MS", "3600000");

  @OnEachDatabase
  @DisplayName("\"Kitchen Light turned on by automation Motion light (triggered by Hallway"
      + " Motion)\", \"Front Door Lock unlocked by admin\", a device's own report names nobody")
  void causes(String name, Supplier<Map<String, String>> database) {
    try (HistoryRig rig = new HistoryRig(database.get(), DEMO)) {
      assertThat(rig.server.request("POST", "/api/v1/automations", rig.admin(), "{\"id\":"
          + "\"motion_light\",\"name\":\"Motion light\",\"triggers\":[{\"type\":\"state\","
          + "\"entity_id\":\"binary_sensor.hallway_motion\",\"to\":\"on\"}],\"actions\":"
          + "[{\"type\":\"entity_action\",\"entity_id\":\"light.kitchen\",\"action\":"
          + "\"turn_on\"}]}").status()).isEqualTo(201);
      rig.advance(Duration.ofSeconds(10));
      // The motion arrives as the device's own report: a fresh context, nobody behind it.
      motionOn(rig);
      awaitState(rig, "light.kitchen", "on");
      rig.advance(Duration.ofSeconds(10));
      assertThat(rig.server.request("POST", "/api/v1/entities/lock.front_door/action",
          rig.admin(), "{\"action\":\"unlock\"}").status()).isEqualTo(202);
      awaitState(rig, "lock.front_door", "unlocked");
      rig.advance(Duration.ofSeconds(10));

      JsonNode entries = rig.get("/api/v1/logbook?start=" + HistoryRig.T0.plusSeconds(1)
          + "&end=" + rig.time.instant(), rig.admin()).json();
      // As a page shows it: the name, then the message.
      assertThat(entries).extracting(e -> e.get("name").asText() + " "
          + e.get("message").asText()).containsExactly(
          "Hallway Motion detected motion",
          "Kitchen Light turned on by automation Motion light (triggered by Hallway Motion)",
          "Front Door Lock unlocked by admin");
      JsonNode motion = entries.get(0).get("context");
      JsonNode light = entries.get(1).get("context");
      JsonNode lock = entries.get(2).get("context");
      assertThat(motion.get("kind").asText()).isEqualTo("adapter");
      assertThat(light.get("kind").asText()).isEqualTo("automation");
      assertThat(light.get("source_name").asText()).isEqualTo("Motion light");
      assertThat(light.get("user_id").isNull()).isTrue();
      assertThat(lock.get("kind").asText()).isEqualTo("user");
      assertThat(lock.get("user_id").asText()).isNotBlank();
      assertThat(lock.get("parent_id").isNull()).isTrue();
      // The stored context is the one the registry keeps on the entity.
      assertThat(lock.get("id").asText()).isEqualTo(rig.server.request("GET",
          "/api/v1/entities/lock.front_door", rig.admin(), null).json().get("context_id")
          .asText());
    }
  }

  /** What the demo adapter does when its motion sensor fires. */
  private static void motionOn(HistoryRig rig) {
    Entity current = rig.server.server().registry().get(MOTION).orElseThrow();
    rig.server.server().registry().apply(new EntityUpdate(MOTION, "on", current.attributes(),
        "demo", "demo", current.name(), current.area(), true));
  }

  private static void awaitState(HistoryRig rig, String entityId, String state) {
    Await.until(entityId + " " + state, () -> state.equals(rig.server.server().registry()
        .get(EntityId.parse(entityId)).orElseThrow().state()));
  }
}
