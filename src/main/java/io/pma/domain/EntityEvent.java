package io.pma.domain;

/** An event about one entity: routed on {@code entity_updates}, keyed by the entity id. */
public sealed interface EntityEvent extends PmaEvent
    permits EntityStateChanged, EntityAdded, EntityRemoved {

  EntityId entityId();

  @Override
  default String key() {
    return entityId().toString();
  }
}
