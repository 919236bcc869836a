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
    long shortest = period == StatisticsPeriod.MONTH ? 28L * 86_400_000L
        : period == StatisticsPeriod.DAY ? 82_800_000L : period.maxMs();
    return (end - start) / shortest > MAX_PERIODS;
  }
}
