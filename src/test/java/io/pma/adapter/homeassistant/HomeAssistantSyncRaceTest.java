package io.pma.adapter.homeassistant;

import io.pma.Await;
import static io.pma.adapter.homeassistant.HomeAssistantMirrorTest.attrs;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Entity;
import io.pma.domain.EntityAdded;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.SyncStatus;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Changes that happen while a sync runs: after {@code subscribe_events} was answered and before
 * the {@code get_states} result, and right after it. None may be lost, none may be replayed over
 * a newer state.
 */
class HomeAssistantSyncRaceTest {
  private final HaTestRig rig = new HaTestRig();

  @AfterEach
  void close() {
    rig.close();
  }

  private Map<String, String> registryStates() {
    return rig.registry.all().stream().filter(e -> HaTestRig.ADAPTER_ID.equals(e.adapterId()))
        .collect(Collectors.toMap(e -> e.entityId().toString(), Entity::state, (a, b) -> a,
            TreeMap::new));
  }

  private Map<String, String> haStates(String... ids) {
    Map<String, String> states = new TreeMap<>();
    for (String id : ids) {
      ObjectNode state = rig.ha.state(id);
      if (state != null) {
        states.put(id, state.get("state").asText());
      }
    }
    return states;
  }

  private List<String> kitchenTransitions() {
    return rig.events(EntityStateChanged.class).stream()
        .filter(e -> e.entityId().toString().equals("light.kitchen"))
        .map(e -> e.oldState() + ">" + e.newState()).toList();
  }

  @Test
  @DisplayName("changes during the first sync are neither lost nor replayed over the snapshot")
  void firstSync() {
    rig.ha.setState("light.kitchen", "on", null);
    rig.ha.setState("sensor.gone", "1", null);
    rig.ha.beforeNextGetStates(() -> {
      rig.ha.setState("light.kitchen", "off", null);
      rig.ha.setState("light.kitchen", "dim", attrs("{\"brightness\":30}"));
      rig.ha.removeState("sensor.gone");
      rig.ha.setState("sensor.born", "5", null);
    });
    rig.ha.afterNextGetStates(() -> rig.ha.setState("light.kitchen", "on",
        attrs("{\"brightness\":10}")));

    rig.startSynced();
    Await.until("the change after the snapshot", () -> kitchenTransitions().contains("dim>on"));

    assertThat(registryStates()).isEqualTo(haStates("light.kitchen", "sensor.gone", "sensor.born"));
    assertThat(rig.entity("light.kitchen").orElseThrow().attributes())
        .isEqualTo(attrs("{\"brightness\":10}"));
    // Added from the snapshot as "dim", then exactly one live change: nothing replayed.
    assertThat(rig.events(EntityAdded.class)).extracting(e -> e.entityId() + "=" + e.entity().state())
        .containsExactlyInAnyOrder("light.kitchen=dim", "sensor.born=5");
    assertThat(kitchenTransitions()).containsExactly("dim>on");
  }

  @Test
  @DisplayName("a manual sync amid live changes counts exactly and ends where Home Assistant is")
  void manualSync() throws ExecutionException {
    rig.ha.setState("light.kitchen", "on", null);
    rig.ha.setState("sensor.a", "1", null);
    rig.ha.setState("sensor.b", "2", null);
    HomeAssistantAdapter adapter = rig.startSynced();

    rig.ha.beforeNextGetStates(() -> {
      rig.ha.setState("light.kitchen", "off", null);
      rig.ha.setState("light.kitchen", "dim", null);
      rig.ha.removeState("sensor.a");
    });
    rig.ha.afterNextGetStates(() -> rig.ha.setState("sensor.b", "3", null));
    SyncStatus status = HaTestRig.join(adapter.sync());
    Await.until("sensor.b=3", () -> rig.events(EntityStateChanged.class).stream()
        .anyMatch(e -> e.entityId().toString().equals("sensor.b")));

    assertThat(status.status()).isEqualTo(SyncStatus.COMPLETED);
    assertThat(List.of(status.entitiesFound(), status.entitiesAdded(), status.entitiesUpdated(),
        status.entitiesRemoved())).containsExactly(2, 0, 1, 1);
    assertThat(registryStates()).isEqualTo(haStates("light.kitchen", "sensor.a", "sensor.b"));
    assertThat(kitchenTransitions()).containsExactly("on>dim");
    assertThat(rig.finishedSyncs()).hasSize(2);
    // The manual sync reuses the connection's subscription.
    assertThat(rig.ha.commands("subscribe_events")).hasSize(1);
  }
}
