package io.pma.automation;

/**
 * What became of a trigger: {@code started}, {@code queued}, {@code dropped} (mode single, or
 * the queue/parallel limit is reached), {@code conditions_not_met} or {@code suppressed} (loop
 * bound). {@code executionId} is set for started and queued runs.
 */
public record TriggerOutcome(String status, String executionId) {
  static final String STARTED = "started";
  static final String QUEUED = "queued";
  static final String DROPPED = "dropped";
  static final String CONDITIONS_NOT_MET = "conditions_not_met";
  static final String SUPPRESSED = "suppressed";

  public boolean accepted() {
    return STARTED.equals(status) || QUEUED.equals(status);
  }
}
