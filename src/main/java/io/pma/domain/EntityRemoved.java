package io.pma.domain;

/** An entity left the registry. */
public record EntityRemoved(EntityId entityId, String source) implements EntityEvent {
  @Override
  public String type() {
    return "pma_entity_removed";
  }
}
