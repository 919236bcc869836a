package io.pma.automation;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a run ended (or that it has not yet), as {@code result} of a run record. */
public enum RunResult {
  RUNNING("running"),
  COMPLETED("completed"),
  /** A step failed; the run's {@code error} says why. */
  ERROR("error"),
  /** Restarted, disabled, changed, deleted or server stopped. */
  ABORTED("aborted"),
  /** A loop bound dropped the trigger; no step ran. */
  SUPPRESSED("suppressed");

  private final String wireName;

  RunResult(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }
}
