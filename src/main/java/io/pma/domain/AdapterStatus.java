package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pma.topic.TopicFamily;
import java.time.Instant;

/** Health of one adapter; published on every transition. */
@JsonPropertyOrder({"adapter_id", "adapter_type", "name", "status", "healthy", "entity_count",
    "last_error", "connected_since", "last_event_at", "reconnect_attempts"})
public record AdapterStatus(
    String adapterId,
    String adapterType,
    String name,
    AdapterState status,
    boolean healthy,
    int entityCount,
    String lastError,
    Instant connectedSince,
    Instant lastEventAt,
    int reconnectAttempts) implements PmaEvent {

  @Override
  public String type() {
    return "pma_adapter_status";
  }

  @Override
  public TopicFamily family() {
    return TopicFamily.SYSTEM_EVENTS;
  }

  @Override
  public String key() {
    return "adapter_status";
  }
}
