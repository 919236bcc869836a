package io.pma.adapter.homeassistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One HA state object ({@code entity_id, state, attributes, last_changed, last_updated, context}),
 * as {@code get_states} and {@code state_changed} carry it. {@code lastUpdated} orders two versions
 * of the same entity; it is null when HA sent none.
 */
record HaState(String entityId, String state, ObjectNode attributes, Instant lastUpdated) {

  /** Throws {@link HaException} (PROTOCOL) when the object lacks an entity id or a state. */
  static HaState parse(JsonNode node) {
    if (node == null || !node.path("entity_id").isTextual() || !node.path("state").isTextual()) {
      throw HaException.protocol("state object without entity_id and state");
    }
    ObjectNode attributes = node.get("attributes") instanceof ObjectNode object ? object : null;
    return new HaState(node.get("entity_id").asText(), node.get("state").asText(), attributes,
        instant(node.get("last_updated")));
  }

  /** Parses HA's ISO 8601 timestamps ({@code 2016-11-26T01:37:24.265429+00:00}); null if absent. */
  static Instant instant(JsonNode value) {
    if (value == null || !value.isTextual()) {
      return null;
    }
    try {
      return OffsetDateTime.parse(value.asText()).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** HA's {@code friendly_name}, or null. */
  String friendlyName() {
    JsonNode name = attributes == null ? null : attributes.get("friendly_name");
    return name != null && name.isTextual() && !name.asText().isBlank() ? name.asText() : null;
  }
}
