package io.pma.automation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a step of a run ended (or that it has not yet), as {@code result} of a step record. */
public enum StepResult {
  RUNNING,
  OK,
  ERROR,
  TIMED_OUT,
  ABORTED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
