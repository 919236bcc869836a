package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;

/** Progress or result of a full synchronisation of one adapter with its external system. */
@JsonPropertyOrder({"adapter_id", "source", "status", "started_at", "finished_at", "duration_ms",
    "entities_found", "entities_added", "entities_updated", "entities_removed", "error"})
public record SyncStatus(
    String adapterId,
    String source,
    String status,
    Instant startedAt,
    Instant finishedAt,
    Long durationMs,
    int entitiesFound,
    int entitiesAdded,
    int entitiesUpdated,
    int entitiesRemoved,
    String error) implements PmaEvent {

  public static final String SYNCING = "syncing";
  public static final String COMPLETED = "completed";
  public static final String COMPLETED_WITH_ERRORS = "completed_with_errors";
  public static final String ERROR = "error";

  @Override
  public EventKind kind() {
    return EventKind.SYNC_STATUS;
  }
}
