package io.pma.history;

import io.pma.domain.EntityId;
import java.util.List;

/**
 * What a history read asks for: the entities (already limited to what the caller may read), the
 * range in epoch ms ({@code start} exclusive for changes; the state in force at {@code start}
 * comes first), and the shape: {@code minimal} items are state and last_changed only; without
 * {@code attributes} the attribute-only changes are left out too.
 */
public record HistoryRequest(List<EntityId> entities, long start, long end, boolean minimal,
    boolean attributes) {
  /** The longest range a request may span (API.md: 422 beyond). */
  public static final long MAX_RANGE_MS = 31L * 86_400_000L;
  /**
   * The most recorded changes (states and attribute sets) one read may hold: 24 h of 32 entities
   * at one change per 10 s is 276,480; more is refused (422, or the subscription's history error).
   */
  public static final int MAX_ROWS = 500_000;

  public HistoryRequest {
    entities = List.copyOf(entities);
  }
}
