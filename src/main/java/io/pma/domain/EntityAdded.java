package io.pma.domain;

/** A new entity appeared in the registry. */
public record EntityAdded(EntityId entityId, Entity entity) implements EntityEvent {
  @Override
  public EventKind kind() {
    return EventKind.ENTITY_ADDED;
  }
}
