package io.pma.domain;

/** A new entity appeared in the registry. */
public record EntityAdded(EntityId entityId, Entity entity) implements EntityEvent {
  @Override
  public String type() {
    return "pma_entity_added";
  }
}
