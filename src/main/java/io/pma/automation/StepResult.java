package io.pma.automation;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a step of a run ended (or that it has not yet), as {@code result} of a step record. */
public enum StepResult {
  RUNNING("running"),
  OK("ok"),
  ERROR("error"),
  TIMED_OUT("timed_out"),
  ABORTED("aborted");

  private final String wireName;

  StepResult(String wireName) {
    this.wireName = wireName;
  }

  @JsonValue
  public String wireName() {
    return wireName;
  }
}
