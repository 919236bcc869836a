package io.pma.domain;

import io.pma.topic.TopicFamily;

/** A new entity appeared in the registry. */
public record EntityAdded(EntityId entityId, Entity entity) implements PmaEvent {
  @Override
  public String type() {
    return "pma_entity_added";
  }

  @Override
  public TopicFamily family() {
    return TopicFamily.ENTITY_UPDATES;
  }

  @Override
  public String key() {
    return entityId.toString();
  }
}
