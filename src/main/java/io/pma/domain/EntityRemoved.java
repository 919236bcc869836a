package io.pma.domain;

import io.pma.topic.TopicFamily;

/** An entity left the registry. */
public record EntityRemoved(EntityId entityId, String source) implements PmaEvent {
  @Override
  public String type() {
    return "pma_entity_removed";
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
