package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * A state or attribute change of an existing entity ({@code old_state == new_state} for
 * attribute-only). When the user's customisation changed, the event also carries the labels in force
 * afterwards: {@code name} and {@code hidden} always, {@code area} and {@code icon} when set (absent
 * means none); an ordinary change leaves all four out.
 */
@JsonPropertyOrder({"entity_id", "old_state", "new_state", "attributes", "source", "last_changed",
    "last_updated", "name", "area", "icon", "hidden"})
public record EntityStateChanged(
    EntityId entityId,
    String oldState,
    String newState,
    ObjectNode attributes,
    String source,
    Instant lastChanged,
    Instant lastUpdated,
    @JsonInclude(JsonInclude.Include.NON_NULL) String name,
    @JsonInclude(JsonInclude.Include.NON_NULL) String area,
    @JsonInclude(JsonInclude.Include.NON_NULL) String icon,
    @JsonInclude(JsonInclude.Include.NON_NULL) Boolean hidden) implements EntityEvent {

  /** A change of state or attributes only. */
  public EntityStateChanged(EntityId entityId, String oldState, String newState,
      ObjectNode attributes, String source, Instant lastChanged, Instant lastUpdated) {
    this(entityId, oldState, newState, attributes, source, lastChanged, lastUpdated, null, null,
        null, null);
  }

  /** Whether this change carries the entity's labels (its customisation changed). */
  public boolean carriesLabels() {
    return hidden != null;
  }

  @Override
  public EventKind kind() {
    return EventKind.ENTITY_STATE_CHANGED;
  }
}
