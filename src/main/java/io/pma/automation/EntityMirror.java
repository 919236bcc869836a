package io.pma.automation;

import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import io.pma.domain.EntityStateChanged;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The engine's view of the entities, kept from the broker's events in seq order. Triggers need
 * the value before a change (an event carries only the new attributes), and conditions see the
 * home as of the event being handled. Confined to the engine's context.
 */
final class EntityMirror {
  private final Map<EntityId, Entity> entities = new HashMap<>();

  void load(Collection<Entity> snapshot) {
    entities.clear();
    snapshot.forEach(e -> entities.put(e.entityId(), e));
  }

  Optional<Entity> get(EntityId id) {
    return Optional.ofNullable(entities.get(id));
  }

  /** Records an added entity; returns what was known before (normally nothing). */
  Entity added(Entity entity) {
    return entities.put(entity.entityId(), entity);
  }

  /**
   * Applies a change made in the context {@code contextId}; returns the entity as it was before,
   * or null when it was unknown.
   */
  Entity changed(EntityStateChanged change, String contextId) {
    Entity before = entities.get(change.entityId());
    Entity after = before == null
        ? new Entity(change.entityId(), null, change.newState(), change.attributes(),
            change.source(), null, null, true, change.lastChanged(), change.lastUpdated(),
            contextId)
        : before.withState(change.newState(), change.attributes(), change.lastChanged(),
            change.lastUpdated(), contextId);
    entities.put(change.entityId(), after);
    return before;
  }

  void removed(EntityId id) {
    entities.remove(id);
  }
}
