package io.pma.automation;

import io.pma.domain.Context;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which recent run each run context belongs to. A run's effects carry its context — the events it
 * publishes, and the changes adapters report in answer to its actions (the registry gives those the
 * action's context) — so an event whose context is a run's, or whose parent is, is that run's
 * effect, whichever node published it. This is what bounds chains of runs: the broker carries the
 * context with every event, so it works across nodes and for every adapter. Keeps the last
 * {@code capacity} runs. Confined to the engine's context.
 */
final class RunLineage {
  private final Map<String, Cause> runs;

  RunLineage(int capacity) {
    this.runs = new LinkedHashMap<>(64, 0.75f, false) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Cause> eldest) {
        return size() > capacity;
      }
    };
  }

  void started(Context run, Cause cause) {
    runs.put(run.id(), cause);
  }

  /** The run an event with this context is the effect of, or null. */
  Cause causeOf(Context event) {
    if (event == null) {
      return null;
    }
    Cause cause = runs.get(event.id());
    return cause != null || event.parentId() == null ? cause : runs.get(event.parentId());
  }
}
