package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.topic.TopicFamily;
import java.time.Instant;

/** A state or attribute change of an existing entity ({@code old_state == new_state} for attribute-only). */
@JsonPropertyOrder({"entity_id", "old_state", "new_state", "attributes", "source", "last_changed",
    "last_updated"})
public record EntityStateChanged(
    EntityId entityId,
    String oldState,
    String newState,
    ObjectNode attributes,
    String source,
    Instant lastChanged,
    Instant lastUpdated) implements PmaEvent {

  @Override
  public String type() {
    return "pma_entity_state_changed";
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
