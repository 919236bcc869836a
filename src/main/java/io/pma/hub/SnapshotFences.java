package io.pma.hub;

import io.pma.bus.Published;
import io.pma.domain.PmaEvent;
import io.pma.topic.TopicPattern;
import java.util.ArrayList;
import java.util.List;

/**
 * The snapshots one connection received, as fences: a live event at or below a fence's seq that
 * matches one of its patterns is already in that snapshot and must not be sent again. Kept apart
 * from {@link Session} because fan-out asks it for every matched event, and it consumes fences as
 * the seqs pass them. Confined to the session's event loop.
 */
final class SnapshotFences {
  private record Fence(List<TopicPattern> patterns, long seq) {
    boolean matches(PmaEvent event) {
      for (TopicPattern pattern : patterns) {
        if (pattern.matches(event.family(), event.key())) {
          return true;
        }
      }
      return false;
    }
  }

  private final List<Fence> fences = new ArrayList<>(0);

  /** A snapshot of what {@code patterns} match was sent, reflecting every event up to {@code seq}. */
  void add(List<TopicPattern> patterns, long seq) {
    fences.add(new Fence(List.copyOf(patterns), seq));
  }

  /**
   * Whether a snapshot already covers this live event. Live events reach the loop in seq order,
   * so fences the event has passed are dropped on the way: nothing they cover can follow.
   */
  boolean fencedOut(Published published) {
    if (fences.isEmpty()) {
      return false;
    }
    PmaEvent event = published.event();
    for (int i = fences.size() - 1; i >= 0; i--) {
      Fence fence = fences.get(i);
      if (published.seq() > fence.seq()) {
        fences.remove(i);
        continue;
      }
      if (fence.matches(event)) {
        return true;
      }
    }
    return false;
  }

  /** Like {@link #fencedOut} but drops nothing: for replayed events, older than live ones. */
  boolean covers(Published published) {
    PmaEvent event = published.event();
    for (Fence fence : fences) {
      if (published.seq() <= fence.seq() && fence.matches(event)) {
        return true;
      }
    }
    return false;
  }
}
