package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Json;
import java.util.HashMap;
import java.util.Map;

/**
 * What the adapter knows about one entity between messages: the state, the attributes that its
 * state topics set, the JSON attributes and the last availability per topic. Confined to the
 * adapter's event loop.
 */
final class EntityState {
  static final String UNKNOWN = "unknown";

  String state = UNKNOWN;
  /** Attributes set by state topics (brightness, current_position...). */
  final ObjectNode attributes = Json.object();
  /** The last object from {@code json_attributes_topic}. */
  ObjectNode jsonAttributes = Json.object();
  /** Attributes restored from storage, shown until the first state message arrives. */
  ObjectNode restored;
  final Map<String, Boolean> availabilityByTopic = new HashMap<>();
  Boolean latestAvailability;

  /** Marks that a live message replaced what was restored from storage. */
  void live() {
    restored = null;
  }
}
