package io.pma.adapter.homeassistant;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import io.pma.domain.EntityUpdate;
import io.pma.registry.ChangeKind;
import io.pma.registry.EntityRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors one HA instance's states into the registry: live {@code state_changed} events, and full
 * syncs from {@code get_states}. While a sync runs (between {@link #beginSync()} and
 * {@link #completeSync}) live changes are buffered, then merged with the snapshot per entity by
 * {@code last_updated}: the newer version wins, ties go to the snapshot. So nothing that happened
 * after the subscription is lost and no entity goes back to an older state.
 *
 * <p>Runs on the adapter's event loop only.
 */
final class StateMirror {
  static final String SOURCE = "homeassistant";
  private static final Logger LOG = LoggerFactory.getLogger(StateMirror.class);
  private static final int MAX_REPORTED_ERRORS = 5;

  private final String adapterId;
  private final EntityRegistry registry;
  private final Set<String> conflictsLogged = new HashSet<>();
  /** Live changes held back during a sync, latest per entity; null when no sync runs. */
  private Map<String, Change> buffered;

  /** A {@code state_changed}: the new state, or null for a removal, and when it happened. */
  private record Change(HaState newState, Instant at) {}

  /** What a sync found and did; {@code errors} are the first few problems, {@code errorCount} all. */
  record Outcome(int found, int added, int updated, int removed, List<String> errors,
      int errorCount) {}

  StateMirror(String adapterId, EntityRegistry registry) {
    this.adapterId = adapterId;
    this.registry = registry;
  }

  /** Applies (or, during a sync, buffers) the {@code data} of a {@code state_changed} event. */
  void onStateChanged(JsonNode data, Instant timeFired) {
    String entityId = data.path("entity_id").asText(null);
    if (entityId == null) {
      LOG.debug("state_changed without entity_id ignored");
      return;
    }
    JsonNode newState = data.get("new_state");
    HaState state;
    try {
      state = newState == null || newState.isNull() ? null : HaState.parse(newState);
    } catch (HaException e) {
      LOG.debug("state_changed for {} ignored: {}", entityId, e.getMessage());
      return;
    }
    if (buffered != null) {
      buffered.put(entityId, new Change(state, state != null ? state.lastUpdated() : timeFired));
    } else if (state == null) {
      remove(entityId);
    } else {
      apply(state, new Tally());
    }
  }

  void beginSync() {
    if (buffered == null) {
      buffered = new HashMap<>();
    }
  }

  /**
   * Ends a sync that failed: the changes held back are applied as if they had arrived live (they
   * are real HA changes, in order; only the latest per entity is kept, which ends in the same state).
   */
  void abortSync() {
    Map<String, Change> held = buffered;
    buffered = null;
    if (held == null) {
      return;
    }
    held.forEach((entityId, change) -> {
      if (change.newState() == null) {
        remove(entityId);
      } else {
        apply(change.newState(), new Tally());
      }
    });
  }

  /** Applies a {@code get_states} result and the changes buffered since {@link #beginSync()}. */
  Outcome completeSync(JsonNode states) {
    Map<String, Change> changes = buffered == null ? Map.of() : buffered;
    buffered = null;
    if (states == null || !states.isArray()) {
      throw HaException.protocol("get_states result is not a list");
    }
    Tally tally = new Tally();
    Set<EntityId> present = new HashSet<>();
    for (JsonNode node : states) {
      HaState snapshot;
      try {
        snapshot = HaState.parse(node);
      } catch (HaException e) {
        tally.error(e.getMessage());
        continue;
      }
      tally.found++;
      Change change = changes.get(snapshot.entityId());
      boolean changeWins = change != null && change.at() != null
          && change.at().isAfter(snapshot.lastUpdated() == null ? Instant.MAX : snapshot.lastUpdated());
      if (changeWins && change.newState() == null) {
        continue; // removed after the snapshot: the pass below removes it
      }
      HaState winner = changeWins ? change.newState() : snapshot;
      if (apply(winner, tally)) {
        present.add(EntityId.parse(winner.entityId()));
      }
    }
    tally.removed = removeMissing(present);
    return tally.outcome();
  }

  private int removeMissing(Set<EntityId> present) {
    int removed = 0;
    for (Entity entity : registry.all()) {
      if (adapterId.equals(entity.adapterId()) && !present.contains(entity.entityId())
          && registry.remove(entity.entityId(), SOURCE)) {
        removed++;
      }
    }
    return removed;
  }

  /** Writes one state to the registry; false (with an error noted) when it cannot be mirrored. */
  private boolean apply(HaState state, Tally tally) {
    if (!EntityId.isValid(state.entityId())) {
      tally.error("invalid entity id '" + state.entityId() + "'");
      return false;
    }
    EntityId id = EntityId.parse(state.entityId());
    if (ownedByOther(id)) {
      tally.error(id + " is owned by another adapter");
      return false;
    }
    ChangeKind kind = registry.apply(new EntityUpdate(id, state.state(), state.attributes(),
        SOURCE, adapterId, state.friendlyName(), null, !"unavailable".equals(state.state())));
    if (kind == ChangeKind.ADDED) {
      tally.added++;
    } else if (kind == ChangeKind.CHANGED) {
      tally.updated++;
    }
    return true;
  }

  private void remove(String entityId) {
    if (EntityId.isValid(entityId) && !ownedByOther(EntityId.parse(entityId))) {
      registry.remove(EntityId.parse(entityId), SOURCE);
    }
  }

  /** An entity with the same id from another source is left alone (logged once per id). */
  private boolean ownedByOther(EntityId id) {
    Optional<Entity> current = registry.get(id);
    if (current.isEmpty() || adapterId.equals(current.get().adapterId())) {
      return false;
    }
    if (conflictsLogged.add(id.toString())) {
      LOG.warn("Home Assistant '{}' reports {}, which adapter '{}' already owns; not mirrored",
          adapterId, id, current.get().adapterId());
    }
    return true;
  }

  /** Counters of one sync (or a throw-away one for live changes). */
  private static final class Tally {
    int found;
    int added;
    int updated;
    int removed;
    int errorCount;
    final List<String> errors = new ArrayList<>();

    void error(String message) {
      errorCount++;
      if (errors.size() < MAX_REPORTED_ERRORS) {
        errors.add(message);
      }
    }

    Outcome outcome() {
      return new Outcome(found, added, updated, removed, List.copyOf(errors), errorCount);
    }
  }
}
