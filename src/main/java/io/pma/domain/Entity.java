package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/**
 * One entity as PMA knows it. {@code attributes} is never mutated after construction: the registry
 * hands out copies, so entities can be shared across threads freely. {@code name}, {@code area},
 * {@code icon} and {@code hidden} are the values in force: the owner's, unless the user customised
 * them ({@link EntityCustomization}). {@code contextId} names the {@link Context} of the change that
 * produced this state (null for a state loaded from the store: the store does not keep it).
 */
@JsonPropertyOrder({"entity_id", "domain", "name", "state", "attributes", "source", "adapter_id",
    "area", "icon", "hidden", "available", "last_changed", "last_updated", "context_id"})
public record Entity(
    EntityId entityId,
    String name,
    String state,
    ObjectNode attributes,
    String source,
    String adapterId,
    String area,
    String icon,
    boolean hidden,
    boolean available,
    Instant lastChanged,
    Instant lastUpdated,
    String contextId) {

  /** An entity as its owner reports it: no icon of PMA's own, not hidden. */
  public Entity(EntityId entityId, String name, String state, ObjectNode attributes, String source,
      String adapterId, String area, boolean available, Instant lastChanged, Instant lastUpdated,
      String contextId) {
    this(entityId, name, state, attributes, source, adapterId, area, null, false, available,
        lastChanged, lastUpdated, contextId);
  }

  @JsonProperty("domain")
  public String domain() {
    return entityId.domain();
  }

  /** The same entity with state, attributes, timestamps and context replaced. */
  public Entity withState(String newState, ObjectNode newAttributes, Instant changed, Instant updated,
      String newContextId) {
    return new Entity(entityId, name, newState, newAttributes, source, adapterId, area, icon, hidden,
        available, changed, updated, newContextId);
  }
}
