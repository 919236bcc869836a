package io.pma.adapter.homeassistant;

import io.pma.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.AdapterState;
import io.pma.domain.AdapterStatus;
import io.pma.domain.Entity;
import io.pma.domain.EntityAdded;
import io.pma.domain.EntityRemoved;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.HaEvent;
import io.pma.domain.Json;
import io.pma.domain.SyncStatus;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HomeAssistantMirrorTest {
  private final HaTestRig rig = new HaTestRig();

  @AfterEach
  void close() {
    rig.close();
  }

  static ObjectNode attrs(String json) {
    try {
      return (ObjectNode) Json.MAPPER.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(json, e);
    }
  }

  @Test
  @DisplayName("on connect it subscribes first, then mirrors get_states into the registry and reports the sync")
  void mirrorsOnConnect() {
    rig.ha.setState("light.kitchen", "on", attrs("{\"brightness\":128,\"friendly_name\":\"Kitchen\"}"));
    rig.ha.setState("sensor.outside", "21.5", attrs("{\"unit_of_measurement\":\"°C\"}"));
    rig.ha.setState("switch.porch", "unavailable", null);

    rig.startSynced();

    Entity kitchen = rig.entity("light.kitchen").orElseThrow();
    assertThat(kitchen.state()).isEqualTo("on");
    assertThat(kitchen.attributes()).isEqualTo(attrs("{\"brightness\":128,\"friendly_name\":\"Kitchen\"}"));
    assertThat(kitchen.name()).isEqualTo("Kitchen");
    assertThat(kitchen.source()).isEqualTo("homeassistant");
    assertThat(kitchen.adapterId()).isEqualTo(HaTestRig.ADAPTER_ID);
    assertThat(kitchen.available()).isTrue();
    assertThat(rig.entity("sensor.outside").orElseThrow().state()).isEqualTo("21.5");
    assertThat(rig.entity("switch.porch").orElseThrow().available()).isFalse();

    SyncStatus sync = rig.finishedSyncs().get(0);
    assertThat(sync.status()).isEqualTo(SyncStatus.COMPLETED);
    assertThat(List.of(sync.entitiesFound(), sync.entitiesAdded(), sync.entitiesUpdated(),
        sync.entitiesRemoved())).containsExactly(3, 3, 0, 0);
    assertThat(sync.source()).isEqualTo("homeassistant");
    assertThat(sync.error()).isNull();
    assertThat(rig.events(SyncStatus.class).get(0).status()).isEqualTo(SyncStatus.SYNCING);

    // Commands in protocol order with ids 1, 2: subscribe_events (all types) before get_states.
    JsonNode subscribe = rig.ha.commands("subscribe_events").get(0);
    JsonNode getStates = rig.ha.commands("get_states").get(0);
    assertThat(subscribe).isEqualTo(attrs("{\"type\":\"subscribe_events\",\"id\":1}"));
    assertThat(getStates).isEqualTo(attrs("{\"type\":\"get_states\",\"id\":2}"));
    assertThat(rig.ha.errorsSent()).isEmpty();

    assertThat(rig.statusTrail()).containsExactly(AdapterState.CONNECTING, AdapterState.CONNECTED);
    AdapterStatus status = rig.events(AdapterStatus.class).get(1);
    assertThat(status.healthy()).isTrue();
    assertThat(status.adapterType()).isEqualTo("homeassistant");
    assertThat(status.connectedSince()).isNotNull();
  }

  @Test
  @DisplayName("state_changed updates state and attributes; attribute-only changes keep the state")
  void liveUpdates() {
    rig.ha.setState("light.kitchen", "on", attrs("{\"brightness\":128}"));
    rig.startSynced();

    rig.ha.setState("light.kitchen", "off", attrs("{\"brightness\":null}"));
    Await.until("off", () -> "off".equals(rig.entity("light.kitchen").orElseThrow().state()));
    rig.ha.setState("light.kitchen", "off", attrs("{\"brightness\":null,\"friendly_name\":\"K\"}"));
    Await.until("attribute change", () -> rig.events(EntityStateChanged.class).size() == 2);

    List<EntityStateChanged> changes = rig.events(EntityStateChanged.class);
    assertThat(changes.get(0).oldState()).isEqualTo("on");
    assertThat(changes.get(0).newState()).isEqualTo("off");
    assertThat(changes.get(0).attributes()).isEqualTo(attrs("{\"brightness\":null}"));
    assertThat(changes.get(0).source()).isEqualTo("homeassistant");
    assertThat(changes.get(1).oldState()).isEqualTo("off");
    assertThat(changes.get(1).newState()).isEqualTo("off");
    assertThat(rig.entity("light.kitchen").orElseThrow().attributes())
        .isEqualTo(attrs("{\"brightness\":null,\"friendly_name\":\"K\"}"));
    assertThat(rig.entity("light.kitchen").orElseThrow().name()).isEqualTo("K");
    assertThat(rig.adapterStatus().lastEventAt()).isNotNull();
  }

  @Test
  @DisplayName("a new entity is added and new_state null removes it")
  void addAndRemove() {
    rig.startSynced();

    rig.ha.setState("binary_sensor.door", "off", null);
    Await.until("door added", () -> !rig.events(EntityAdded.class).isEmpty());
    rig.ha.removeState("binary_sensor.door");
    // The registry publishes right after it writes: wait for the event, not the map.
    Await.until("door removed", () -> !rig.events(EntityRemoved.class).isEmpty());
    assertThat(rig.entity("binary_sensor.door")).isEmpty();

    assertThat(rig.events(EntityAdded.class)).extracting(e -> e.entityId().toString())
        .containsExactly("binary_sensor.door");
    EntityRemoved removed = rig.events(EntityRemoved.class).get(0);
    assertThat(removed.entityId().toString()).isEqualTo("binary_sensor.door");
    assertThat(removed.source()).isEqualTo("homeassistant");
  }

  @Test
  @DisplayName("every event type is relayed as ha_event by default, state_changed included")
  void relaysAllEvents() {
    rig.ha.setState("light.kitchen", "on", null);
    rig.startSynced();

    rig.ha.fire("call_service", attrs("{\"domain\":\"light\",\"service\":\"turn_on\","
        + "\"service_data\":{\"entity_id\":\"light.kitchen\"}}"));
    rig.ha.setState("light.kitchen", "off", null);
    Await.until("two ha_events", () -> rig.events(HaEvent.class).size() == 2);

    HaEvent relayed = rig.events(HaEvent.class).get(0);
    assertThat(relayed.eventType()).isEqualTo("call_service");
    assertThat(relayed.data()).isEqualTo(attrs("{\"domain\":\"light\",\"service\":\"turn_on\","
        + "\"service_data\":{\"entity_id\":\"light.kitchen\"}}"));
    assertThat(relayed.origin()).isEqualTo("LOCAL");
    assertThat(relayed.adapterId()).isEqualTo(HaTestRig.ADAPTER_ID);
    assertThat(relayed.topic()).isEqualTo("ha_events:call_service");
    assertThat(relayed.timeFired()).isNotNull();
    HaEvent stateChanged = rig.events(HaEvent.class).get(1);
    assertThat(stateChanged.eventType()).isEqualTo("state_changed");
    assertThat(stateChanged.entityDomain()).isEqualTo("light");
    assertThat(stateChanged.data().get("new_state").get("state").asText()).isEqualTo("off");
    assertThat(stateChanged.timeFired()).isEqualTo(OffsetDateTime.parse(
        stateChanged.data().get("new_state").get("last_updated").asText()).toInstant());
  }

  @Test
  @DisplayName("with event_types configured only those are relayed; state_changed still feeds the registry")
  void relaysConfiguredTypes() {
    rig.ha.setState("light.kitchen", "on", null);
    rig.start(c -> rig.config(HaTestRig.TOKEN, List.of("automation_triggered")));
    rig.awaitSyncs(1);

    assertThat(rig.ha.commands("subscribe_events")).extracting(c -> c.path("event_type").asText())
        .containsExactly("state_changed", "automation_triggered");
    rig.ha.fire("other_event", attrs("{}"));
    rig.ha.setState("light.kitchen", "off", null);
    rig.ha.fire("automation_triggered", attrs("{\"name\":\"Evening\",\"entity_id\":\"automation.evening\"}"));
    Await.until("ha_event", () -> !rig.events(HaEvent.class).isEmpty());
    Await.until("off", () -> "off".equals(rig.entity("light.kitchen").orElseThrow().state()));

    assertThat(rig.events(HaEvent.class)).extracting(HaEvent::eventType)
        .containsExactly("automation_triggered");
  }

  @Test
  @DisplayName("a non-admin token still mirrors states: HA refuses subscribing to all events, state_changed is kept")
  void nonAdminToken() {
    rig.ha.addNonAdminToken("viewer-token");
    rig.ha.setState("light.kitchen", "on", null);
    rig.start(c -> rig.config("viewer-token", null));
    rig.awaitSyncs(1);

    assertThat(rig.finishedSyncs().get(0).status()).isEqualTo(SyncStatus.COMPLETED);
    assertThat(rig.ha.commands("subscribe_events")).extracting(c -> c.path("event_type").asText(null))
        .containsExactly(null, "state_changed");
    rig.ha.setState("light.kitchen", "off", null);
    rig.ha.fire("call_service", attrs("{}"));
    Await.until("off", () -> "off".equals(rig.entity("light.kitchen").orElseThrow().state()));
    Await.until("ha_event", () -> !rig.events(HaEvent.class).isEmpty());
    assertThat(rig.events(HaEvent.class)).extracting(HaEvent::eventType)
        .containsExactly("state_changed");
    assertThat(rig.adapterStatus().status()).isEqualTo(AdapterState.CONNECTED);
  }
}
