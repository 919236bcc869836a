package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** An event relayed from a Home Assistant instance. */
@JsonPropertyOrder({"event_type", "data", "origin", "time_fired", "adapter_id"})
public record HaEvent(String eventType, ObjectNode data, String origin, Instant timeFired,
    String adapterId) implements PmaEvent {

  @Override
  public EventKind kind() {
    return EventKind.HA_EVENT;
  }

  @Override
  public String key() {
    return eventType;
  }

  /** The domain of {@code data.entity_id}, or null when the event names no entity. */
  public String entityDomain() {
    var id = data == null ? null : data.get("entity_id");
    if (id == null || !id.isTextual()) {
      return null;
    }
    int dot = id.asText().indexOf('.');
    return dot > 0 ? id.asText().substring(0, dot) : null;
  }
}
