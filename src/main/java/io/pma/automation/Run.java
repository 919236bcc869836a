package io.pma.automation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Context;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * A run in progress: its steps so far and how to interrupt what it waits for. Confined to the
 * engine's context; {@link #snapshot()} gives the immutable record for readers on other threads.
 * Everything the run causes carries its {@code context}.
 */
final class Run {
  final String executionId;
  final Rule rule;
  final ObjectNode trigger;
  final int depth;
  final Context context;
  private final List<StepRecord> steps = new ArrayList<>();
  private Instant startedAt;
  private Instant finishedAt;
  private RunResult result = RunResult.RUNNING;
  private String error;
  private String abortReason;
  private Runnable interrupt;

  Run(String executionId, Rule rule, ObjectNode trigger, int depth, Context context) {
    this.executionId = executionId;
    this.rule = rule;
    this.trigger = trigger;
    this.depth = depth;
    this.context = context;
  }

  Cause asCause() {
    return new Cause(executionId, rule.id(), depth);
  }

  void started(Instant at) {
    startedAt = at;
  }

  /** Adds a running step; returns its index for {@link #stepDone}. */
  int stepStarted(String path, String type, Instant at) {
    steps.add(new StepRecord(path, type, at, null, StepResult.RUNNING, null));
    return steps.size() - 1;
  }

  void stepDone(int index, Instant at, StepResult stepResult, String detail) {
    steps.set(index, steps.get(index).finish(at, stepResult, detail));
  }

  void finished(Instant at, RunResult runResult, String runError) {
    finishedAt = at;
    result = runResult;
    error = runError;
  }

  boolean isFinished() {
    return finishedAt != null;
  }

  boolean aborted() {
    return abortReason != null;
  }

  /** Why the run was aborted, or null. */
  String abortReason() {
    return abortReason;
  }

  /** What to do to stop the current wait (cancel a timer, fail the step) if the run is aborted. */
  void onInterrupt(Runnable action) {
    interrupt = action;
  }

  void abort(String reason) {
    if (abortReason != null || isFinished()) {
      return;
    }
    abortReason = reason;
    Runnable action = interrupt;
    interrupt = null;
    if (action != null) {
      action.run();
    }
  }

  RunRecord snapshot() {
    return new RunRecord(executionId, rule.id(), trigger.deepCopy(), depth, startedAt, finishedAt,
        result, error, steps);
  }
}
