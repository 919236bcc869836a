package io.pma.adapter.homeassistant;

import static io.pma.adapter.homeassistant.HomeAssistantMirrorTest.attrs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.domain.EntityId;
import io.pma.domain.EntityUpdate;
import io.pma.domain.Json;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The merge rules of a sync, also for deliveries in an order HA itself would not produce. */
class StateMirrorTest {
  private final HaTestRig rig = new HaTestRig();
  private final StateMirror mirror = new StateMirror(HaTestRig.ADAPTER_ID, rig.registry);

  @AfterEach
  void close() {
    rig.close();
  }

  private static JsonNode state(String id, String state, String lastUpdated) {
    return attrs("{\"entity_id\":\"" + id + "\",\"state\":\"" + state + "\",\"attributes\":{},"
        + "\"last_changed\":\"" + lastUpdated + "\",\"last_updated\":\"" + lastUpdated + "\","
        + "\"context\":{\"id\":\"01\",\"parent_id\":null,\"user_id\":null}}");
  }

  private static JsonNode change(String id, JsonNode newState) {
    return attrs("{\"entity_id\":\"" + id + "\",\"old_state\":null,\"new_state\":"
        + (newState == null ? "null" : newState.toString()) + "}");
  }

  private static JsonNode list(JsonNode... states) {
    var array = Json.MAPPER.createArrayNode();
    for (JsonNode s : states) {
      array.add(s);
    }
    return array;
  }

  @Test
  @DisplayName("a buffered change newer than the snapshot wins; an older one is dropped")
  void newerWins() {
    mirror.beginSync();
    mirror.onStateChanged(change("light.a", state("light.a", "on", "2026-01-01T10:00:02.000001+00:00")), null);
    mirror.onStateChanged(change("light.b", state("light.b", "on", "2026-01-01T10:00:00.000000+00:00")), null);
    StateMirror.Outcome outcome = mirror.completeSync(list(
        state("light.a", "off", "2026-01-01T10:00:01.000000+00:00"),
        state("light.b", "off", "2026-01-01T10:00:01.000000+00:00")));

    assertThat(rig.entity("light.a").orElseThrow().state()).isEqualTo("on");
    assertThat(rig.entity("light.b").orElseThrow().state()).isEqualTo("off");
    assertThat(outcome.found()).isEqualTo(2);
    assertThat(outcome.added()).isEqualTo(2);
  }

  @Test
  @DisplayName("a removal fired after the snapshot's version removes the entity")
  void newerRemoval() {
    mirror.beginSync();
    mirror.onStateChanged(change("light.a", null), Instant.parse("2026-01-01T10:00:05Z"));
    StateMirror.Outcome outcome = mirror.completeSync(list(
        state("light.a", "off", "2026-01-01T10:00:01.000000+00:00")));

    assertThat(rig.entity("light.a")).isEmpty();
    assertThat(outcome.found()).isEqualTo(1);
    assertThat(outcome.added()).isZero();
  }

  @Test
  @DisplayName("a failed sync still applies the live changes it held back")
  void abortKeepsLiveChanges() {
    mirror.beginSync();
    mirror.completeSync(list(state("light.a", "off", "2026-01-01T10:00:01.000000+00:00"),
        state("light.b", "off", "2026-01-01T10:00:01.000000+00:00")));
    mirror.beginSync();
    mirror.onStateChanged(change("light.a", state("light.a", "on", "2026-01-01T10:00:02.000000+00:00")), null);
    mirror.onStateChanged(change("light.b", null), Instant.parse("2026-01-01T10:00:02Z"));
    assertThat(rig.entity("light.a").orElseThrow().state()).isEqualTo("off");
    mirror.abortSync();

    assertThat(rig.entity("light.a").orElseThrow().state()).isEqualTo("on");
    assertThat(rig.entity("light.b")).isEmpty();
  }

  @Test
  @DisplayName("bad states and entities of other owners are skipped and reported, the rest mirrored")
  void reportsErrors() {
    rig.registry.apply(EntityUpdate.of(EntityId.parse("light.api"), "on", null, "api", null));
    mirror.beginSync();
    StateMirror.Outcome outcome = mirror.completeSync(list(
        state("light.ok", "on", "2026-01-01T10:00:01.000000+00:00"),
        state("light.api", "off", "2026-01-01T10:00:01.000000+00:00"),
        attrs("{\"entity_id\":\"light.nostate\"}"),
        state("Light.Bad Id", "on", "2026-01-01T10:00:01.000000+00:00")));

    assertThat(outcome.found()).isEqualTo(3);
    assertThat(outcome.added()).isEqualTo(1);
    assertThat(outcome.errorCount()).isEqualTo(3);
    assertThat(outcome.errors()).containsExactly("light.api is owned by another adapter",
        "state object without entity_id and state", "invalid entity id 'Light.Bad Id'");
    assertThat(rig.entity("light.api").orElseThrow().state()).isEqualTo("on");
    assertThat(rig.entity("light.api").orElseThrow().source()).isEqualTo("api");
  }
}
