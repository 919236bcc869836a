package io.pma.automation;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.Consumer;

/**
 * Applies a rule's mode to new runs: which start now, which wait, which are dropped, and which
 * running ones a restart aborts. Confined to the engine's context.
 */
final class RuleRuns {
  /** Starts a run of a rule (publishes it and executes its actions). */
  interface Starter {
    void start(ActiveRule rule, Run run);
  }

  private final RunMode mode;
  private final int capacity;
  private final Consumer<Run> start;
  private final List<Run> running = new ArrayList<>();
  private final Deque<Run> waiting = new ArrayDeque<>();

  RuleRuns(Rule rule, Consumer<Run> start) {
    this.mode = rule.mode();
    this.capacity = rule.capacity();
    this.start = start;
  }

  /** Starts, queues or drops {@code run}; returns the outcome's status. */
  TriggerOutcome.Status offer(Run run) {
    switch (mode) {
      case SINGLE:
        if (!running.isEmpty()) {
          return TriggerOutcome.Status.DROPPED;
        }
        break;
      case RESTART:
        List.copyOf(running).forEach(r -> r.abort("restarted by a new trigger (mode restart)"));
        break;
      case QUEUED:
        if (running.size() + waiting.size() >= capacity) {
          return TriggerOutcome.Status.DROPPED;
        }
        if (!running.isEmpty()) {
          waiting.add(run);
          return TriggerOutcome.Status.QUEUED;
        }
        break;
      default:
        if (running.size() >= capacity) {
          return TriggerOutcome.Status.DROPPED;
        }
    }
    begin(run);
    return TriggerOutcome.Status.STARTED;
  }

  private void begin(Run run) {
    running.add(run);
    start.accept(run);
  }

  /** A run ended: the next queued one starts. */
  void finished(Run run) {
    running.remove(run);
    if (running.isEmpty() && !waiting.isEmpty()) {
      begin(waiting.poll());
    }
  }

  /** Aborts every running run and forgets the waiting ones (rule disabled, changed, deleted). */
  void abortAll(String reason) {
    waiting.clear();
    List.copyOf(running).forEach(r -> r.abort(reason));
  }

  int runningCount() {
    return running.size();
  }
}
