package io.pma.automation;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The most recent runs of each rule, including running ones. Written by the engine's context (in
 * start order), read by REST handlers on any thread; each rule's runs are guarded by their map.
 */
public final class RunHistory {
  private final Map<String, LinkedHashMap<String, RunRecord>> byRule = new ConcurrentHashMap<>();
  private final int keep;

  public RunHistory(int keep) {
    this.keep = keep;
  }

  /** The history as stored: the newest runs of each of {@code rules} (blocking). */
  public static RunHistory restore(AutomationStore store, List<Rule> rules, int keep) {
    RunHistory history = new RunHistory(keep);
    rules.forEach(r -> history.load(r.id(), store.recentRuns(r.id(), keep)));
    return history;
  }

  public int keep() {
    return keep;
  }

  /** Adds a run (as the newest) or replaces the earlier record of the same execution in place. */
  void record(RunRecord run) {
    LinkedHashMap<String, RunRecord> runs =
        byRule.computeIfAbsent(run.automationId(), k -> new LinkedHashMap<>());
    synchronized (runs) {
      runs.put(run.executionId(), run);
      Iterator<String> oldest = runs.keySet().iterator();
      while (runs.size() > keep) {
        oldest.next();
        oldest.remove();
      }
    }
  }

  /** Loads stored runs at start-up, newest first as {@link #list} returns them. */
  void load(String automationId, List<RunRecord> newestFirst) {
    LinkedHashMap<String, RunRecord> runs = new LinkedHashMap<>();
    List<RunRecord> oldestFirst = new ArrayList<>(newestFirst);
    Collections.reverse(oldestFirst);
    oldestFirst.forEach(r -> runs.put(r.executionId(), r));
    byRule.put(automationId, runs);
  }

  /** The runs of a rule, newest first. */
  public List<RunRecord> list(String automationId) {
    LinkedHashMap<String, RunRecord> runs = byRule.get(automationId);
    if (runs == null) {
      return List.of();
    }
    List<RunRecord> copy;
    synchronized (runs) {
      copy = new ArrayList<>(runs.values());
    }
    Collections.reverse(copy);
    return copy;
  }

  void remove(String automationId) {
    byRule.remove(automationId);
  }
}
