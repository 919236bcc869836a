package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
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
  public EventKind kind() {
    return EventKind.ADAPTER_STATUS;
  }
}
