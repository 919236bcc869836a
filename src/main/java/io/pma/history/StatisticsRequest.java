package io.pma.history;

import io.pma.domain.EntityId;
import java.util.List;

/** What a statistics read asks for: entities the caller may read, a range (epoch ms), a period. */
public record StatisticsRequest(List<EntityId> entities, long start, long end,
    StatisticsPeriod period) {
  /** At most this many periods per entity and request (422 beyond). */
  public static final int MAX_PERIODS = 10_000;

  public StatisticsRequest {
    entities = List.copyOf(entities);
  }

  /** Whether the range spans more periods than {@link #MAX_PERIODS}. */
  public boolean tooLong() {
    return periods() > MAX_PERIODS;
  }

  /**
   * Whether the answer could hold more rows (periods × entities) than a history read may
   * ({@link HistoryRequest#MAX_ROWS}): one request must not cost memory out of proportion.
   */
  public boolean tooMany() {
    return periods() * entities.size() > HistoryRequest.MAX_ROWS;
  }

  private long periods() {
    long shortest = period == StatisticsPeriod.MONTH ? 28L * 86_400_000L
        : period == StatisticsPeriod.DAY ? 82_800_000L : period.maxMs();
    return (end - start) / shortest;
  }
}
