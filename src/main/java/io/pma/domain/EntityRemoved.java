package io.pma.domain;

/** An entity left the registry. */
public record EntityRemoved(EntityId entityId, String source) implements EntityEvent {
  @Override
  public EventKind kind() {
    return EventKind.ENTITY_REMOVED;
  }
}
