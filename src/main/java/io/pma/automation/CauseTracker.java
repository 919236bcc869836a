package io.pma.automation;

import java.util.function.Supplier;

/**
 * Knows which run is carrying out an action on the current thread. The engine calls adapters and
 * publishes while a run's step executes; the broker delivers synchronously to the engine's
 * listener on the same thread, which thereby learns the event's cause. Events from adapters that
 * answer later (on their own threads) carry no cause; the per-rule rate limit bounds those loops.
 */
final class CauseTracker {
  private final ThreadLocal<Cause> current = new ThreadLocal<>();

  <T> T during(Cause cause, Supplier<T> work) {
    Cause outer = current.get();
    current.set(cause);
    try {
      return work.get();
    } finally {
      if (outer == null) {
        current.remove();
      } else {
        current.set(outer);
      }
    }
  }

  /** The cause of what the current thread is publishing, or null. */
  Cause current() {
    return current.get();
  }
}
