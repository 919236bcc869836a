package io.pma.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pma.domain.AdapterState;
import io.pma.domain.AdapterStatus;
import io.pma.domain.AutomationTriggered;
import io.pma.domain.Entity;
import io.pma.domain.EntityAdded;
import io.pma.domain.EntityId;
import io.pma.domain.EntityRemoved;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.HaEvent;
import io.pma.domain.Json;
import io.pma.domain.Notification;
import io.pma.domain.PerformanceAlert;
import io.pma.domain.PmaEvent;
import io.pma.domain.SyncStatus;
import io.pma.domain.SystemStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EventCodecTest {
  private static final Instant T = Instant.parse("2026-01-01T12:00:00.123Z");
  private static final EntityId LAMP = EntityId.parse("light.lamp");
  private static final Entity ENTITY = new Entity(LAMP, "Lamp", "on",
      Json.object().put("brightness", 200), "demo", "demo", "kitchen", true, T, T,
      "01JZ0000000000000000000000");

  static List<PmaEvent> oneOfEach() {
    return List.of(
        new EntityStateChanged(LAMP, "off", "on", Json.object().put("brightness", 200), "api", T, T),
        new EntityAdded(LAMP, ENTITY),
        new EntityRemoved(LAMP, "api"),
        new AdapterStatus("demo", "demo", "Demo", AdapterState.CONNECTED, true, 3, null, T, T, 0),
        new SyncStatus("ha", "homeassistant", "completed", T, T, 12L, 3, 1, 1, 0, null),
        new HaEvent("state_changed", Json.object().put("entity_id", "light.lamp"), "LOCAL", T,
            "ha"),
        new SystemStatus("healthy", "0.1.0", 5, new SystemStatus.Cpu(2.5, 0.5, 2),
            new SystemStatus.Memory(100, 200, 400, 25, 1000), new SystemStatus.Websocket(1, 1),
            new SystemStatus.Entities(3), Map.of("demo", "connected"),
            new SystemStatus.Database("ok", null, 0)),
        new PerformanceAlert("event_latency_p99_ms", 120.5, 100, "warning", "slow"),
        new AutomationTriggered("a1", "Night", "x1", Json.object().put("platform", "time"), T),
        new Notification("n1", "Hi", "there", "info", "system", null, T));
  }

  @Test
  @DisplayName("every kind of event survives encode and decode unchanged")
  void roundTrip() {
    List<PmaEvent> events = oneOfEach();
    assertThat(events).extracting(EventCodec::kind).doesNotHaveDuplicates()
        .hasSize(EventCodec.eventTypes().size());
    for (PmaEvent event : events) {
      PmaEvent back = EventCodec.decode(EventCodec.kind(event), EventCodec.encode(event));
      assertThat(back).isEqualTo(event);
      assertThat(EventCodec.encode(back)).isEqualTo(EventCodec.encode(event));
    }
  }

  @Test
  @DisplayName("a customisation's change keeps its labels through encode and decode")
  void customisationRoundTrip() {
    EntityStateChanged relabelled = new EntityStateChanged(LAMP, "on", "on", Json.object(), "api",
        T, T, "Desk lamp", null, "💡", true);
    assertThat(EventCodec.decode(EventCodec.kind(relabelled), EventCodec.encode(relabelled)))
        .isEqualTo(relabelled);
  }

  @Test
  @DisplayName("an entity survives encode and decode, its derived domain field notwithstanding")
  void entityRoundTrip() {
    assertThat(EventCodec.decodeEntity(EventCodec.encode(ENTITY))).isEqualTo(ENTITY);
  }

  @Test
  @DisplayName("an unknown kind or broken JSON is refused with a clear error")
  void refusesGarbage() {
    assertThatThrownBy(() -> EventCodec.decode("Nope", "{}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown event kind");
    assertThatThrownBy(() -> EventCodec.decode("EntityRemoved", "{\"entity_id\":"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unreadable");
  }
}
