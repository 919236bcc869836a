package io.pma.history;

import java.util.Optional;

/** The periods {@code GET /api/v1/statistics} offers, by their wire names. */
public enum StatisticsPeriod {
  FIVE_MINUTE("5minute", 300_000L),
  HOUR("hour", 3_600_000L),
  DAY("day", 86_400_000L),
  MONTH("month", 31L * 86_400_000L);

  private final String wire;
  /** The period's (longest) length: bounds how many periods a request may span. */
  private final long maxMs;

  StatisticsPeriod(String wire, long maxMs) {
    this.wire = wire;
    this.maxMs = maxMs;
  }

  public String wire() {
    return wire;
  }

  long maxMs() {
    return maxMs;
  }

  public static Optional<StatisticsPeriod> fromWire(String text) {
    for (StatisticsPeriod period : values()) {
      if (period.wire.equals(text)) {
        return Optional.of(period);
      }
    }
    return Optional.empty();
  }
}
