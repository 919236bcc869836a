package io.pma.bus;

import java.util.List;

/**
 * What a broker's history holds after a given seq: the retained events in seq order, the oldest
 * seq it still has, and the last seq it had assigned when read.
 *
 * @param oldestSeq the seq of the oldest retained event, or {@code lastSeq + 1} when none is kept
 * @param lastSeq the highest seq published when the history was read (0 before any)
 * @param events the retained events with a seq above the asked one, ascending
 */
public record History(long oldestSeq, long lastSeq, List<Published> events) {
  public History {
    events = List.copyOf(events);
  }

  /**
   * Whether a client that processed everything up to {@code afterSeq} can be brought up to date
   * from this history: nothing it lacks has been dropped, and it is not ahead of the broker (a
   * client ahead saw a seq this broker never assigned, e.g. before a restart of a memory broker).
   */
  public boolean reaches(long afterSeq) {
    return afterSeq + 1 >= oldestSeq && afterSeq <= lastSeq;
  }
}
