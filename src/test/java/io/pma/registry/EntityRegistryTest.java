package io.pma.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.bus.MemoryBroker;
import io.pma.bus.Published;
import io.pma.domain.Context;
import io.pma.domain.Entity;
import io.pma.domain.EntityAdded;
import io.pma.domain.EntityId;
import io.pma.domain.EntityRemoved;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.EntityUpdate;
import io.pma.domain.Json;
import io.pma.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class EntityRegistryTest {
  private static final EntityId LAMP = EntityId.parse("light.lamp");
  private final TestClock clock = new TestClock();
  private final MemoryBroker broker = new MemoryBroker(clock);
  private final List<Published> events = new ArrayList<>();
  private final RecordingStore store = new RecordingStore();
  private final WriteBehind writeBehind = new WriteBehind(store, 60_000);
  private final EntityRegistry registry = new EntityRegistry(broker, clock, writeBehind);

  EntityRegistryTest() {
    broker.subscribe(events::add);
  }

  @AfterEach
  void close() {
    writeBehind.close();
  }

  private EntityUpdate update(String state, ObjectNode attributes) {
    return EntityUpdate.of(LAMP, state, attributes, "api", null);
  }

  @Test
  @DisplayName("a new entity emits only pma_entity_added")
  void newEntityEmitsAdded() {
    assertThat(registry.apply(update("on", Json.object()))).isEqualTo(ChangeKind.ADDED);
    assertThat(events).hasSize(1);
    assertThat(events.get(0).event()).isInstanceOf(EntityAdded.class);
  }

  @Test
  @DisplayName("an identical state and attributes emit nothing")
  void identicalUpdateEmitsNothing() {
    registry.apply(update("on", Json.object().put("brightness", 10)));
    clock.advance(Duration.ofSeconds(5));
    assertThat(registry.apply(update("on", Json.object().put("brightness", 10))))
        .isEqualTo(ChangeKind.UNCHANGED);
    assertThat(events).hasSize(1);
    assertThat(registry.get(LAMP).orElseThrow().lastUpdated())
        .isEqualTo(Instant.parse("2026-01-01T10:00:00Z"));
  }

  @Test
  @DisplayName("an attribute-only change emits a change and keeps last_changed")
  void attributeOnlyChangeKeepsLastChanged() {
    registry.apply(update("on", Json.object().put("brightness", 10)));
    clock.advance(Duration.ofSeconds(5));
    registry.apply(update("on", Json.object().put("brightness", 20)));
    EntityStateChanged change = (EntityStateChanged) events.get(1).event();
    assertThat(change.oldState()).isEqualTo("on");
    assertThat(change.newState()).isEqualTo("on");
    assertThat(change.attributes().get("brightness").asInt()).isEqualTo(20);
    assertLampTimes("2026-01-01T10:00:00Z", "2026-01-01T10:00:05Z");
  }

  private void assertLampTimes(String lastChanged, String lastUpdated) {
    Entity lamp = registry.get(LAMP).orElseThrow();
    assertThat(lamp.lastChanged()).isEqualTo(Instant.parse(lastChanged));
    assertThat(lamp.lastUpdated()).isEqualTo(Instant.parse(lastUpdated));
  }

  @Test
  @DisplayName("a state change moves both timestamps")
  void stateChangeMovesBothTimestamps() {
    registry.apply(update("on", Json.object()));
    clock.advance(Duration.ofSeconds(7));
    registry.apply(update("off", Json.object()));
    EntityStateChanged change = (EntityStateChanged) events.get(1).event();
    assertThat(change.oldState()).isEqualTo("on");
    assertThat(change.newState()).isEqualTo("off");
    assertLampTimes("2026-01-01T10:00:07Z", "2026-01-01T10:00:07Z");
  }

  @Test
  @DisplayName("events carry strictly increasing seq and removal emits pma_entity_removed")
  void seqIncreasesAndRemovalEmits() {
    registry.apply(update("on", Json.object()));
    registry.apply(update("off", Json.object()));
    assertThat(registry.remove(LAMP, "api")).isTrue();
    assertThat(registry.remove(LAMP, "api")).isFalse();
    assertThat(events).extracting(Published::seq).containsExactly(1L, 2L, 3L);
    assertThat(events.get(2).event()).isEqualTo(new EntityRemoved(LAMP, "api"));
  }

  @Test
  @DisplayName("the registry does not keep a reference to the caller's attributes")
  void attributesAreCopied() {
    ObjectNode attributes = Json.object().put("brightness", 1);
    registry.apply(update("on", attributes));
    attributes.put("brightness", 99);
    assertThat(registry.get(LAMP).orElseThrow().attributes().get("brightness").asInt())
        .isEqualTo(1);
  }

  @Test
  @DisplayName("a snapshot reports the seq of the last event it reflects")
  void snapshotSeq() {
    registry.apply(update("on", Json.object()));
    registry.apply(EntityUpdate.of(EntityId.parse("switch.fan"), "off", null, "api", null));
    Snapshot snapshot = registry.snapshot(e -> e.entityId().domain().equals("light"));
    assertThat(snapshot.entities()).extracting(Entity::entityId).containsExactly(LAMP);
    assertThat(snapshot.seq()).isEqualTo(2);
  }

  @Test
  @DisplayName("write-behind persists the latest version of each changed entity in one batch")
  void writeBehindBatches() {
    registry.apply(update("on", Json.object()));
    registry.apply(update("off", Json.object()));
    registry.apply(EntityUpdate.of(EntityId.parse("switch.fan"), "off", null, "api", null));
    registry.remove(EntityId.parse("switch.fan"), "api");
    writeBehind.flush();
    assertThat(store.batches).hasSize(1);
    assertThat(store.upserts).extracting(Entity::state).containsExactly("off");
    assertThat(store.deletions).containsExactly(EntityId.parse("switch.fan"));
  }

  @Test
  @DisplayName("a failed write is retried with the next batch instead of being dropped")
  void failedWriteIsRetried() {
    registry.apply(update("on", Json.object()));
    store.failNext = true;
    writeBehind.flush();
    assertThat(writeBehind.lastWriteFailed()).isTrue();
    writeBehind.flush();
    assertThat(writeBehind.lastWriteFailed()).isFalse();
    assertThat(store.upserts).extracting(Entity::entityId).containsExactly(LAMP);
  }

  @Test
  @DisplayName("a change caused by a caller carries its context; the entity keeps the context's id")
  void callersContext() {
    Context rest = Context.origin("user-1");
    registry.apply(update("on", Json.object()), rest);
    registry.remove(LAMP, "api", Context.origin("user-2"));
    assertThat(events.get(0).context()).isEqualTo(rest);
    assertThat(events.get(1).context().userId()).isEqualTo("user-2");
    assertThat(events.get(1).context().id()).isNotEqualTo(rest.id());
  }

  @Test
  @DisplayName("an adapter's report gets a fresh context: no parent, no user, a new id each time")
  void adapterReportsGetFreshContexts() {
    registry.apply(update("on", Json.object()));
    registry.apply(update("off", Json.object()));
    Context first = events.get(0).context();
    Context second = events.get(1).context();
    assertThat(first.id()).hasSize(26).isNotEqualTo(second.id());
    assertThat(first.parentId()).isNull();
    assertThat(first.userId()).isNull();
    assertThat(registry.get(LAMP).orElseThrow().contextId()).isEqualTo(second.id());
  }

  @Test
  @DisplayName("what an adapter reports within 5 s after an action carries the action's context; later a fresh one")
  void actionContextForFiveSeconds() {
    registry.apply(update("off", Json.object()));
    Context action = Context.origin("user-1");
    registry.actionSent(LAMP, action);
    clock.advance(Duration.ofSeconds(1));
    registry.apply(update("on", Json.object()));
    clock.advance(Duration.ofSeconds(4));
    registry.apply(update("on", Json.object().put("brightness", 3)));
    clock.advance(Duration.ofMillis(1));
    registry.apply(update("off", Json.object()));
    assertThat(events.get(1).context()).isEqualTo(action);
    assertThat(events.get(2).context()).isEqualTo(action);
    Context after = events.get(3).context();
    assertThat(after.id()).isNotEqualTo(action.id());
    assertThat(after.userId()).isNull();
    assertThat(registry.get(LAMP).orElseThrow().contextId()).isEqualTo(after.id());
  }

  @Test
  @DisplayName("an action's context applies only to the entity it was sent to")
  void actionContextIsPerEntity() {
    registry.actionSent(LAMP, Context.origin("user-1"));
    registry.apply(EntityUpdate.of(EntityId.parse("light.other"), "on", null, "demo", "demo"));
    assertThat(events.get(0).context().userId()).isNull();
  }
}
