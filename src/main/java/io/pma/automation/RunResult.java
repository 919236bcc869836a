package io.pma.automation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a run ended (or that it has not yet), as {@code result} of a run record. */
public enum RunResult {
  RUNNING,
  COMPLETED,
  /** A step failed; the run's {@code error} says why. */
  ERROR,
  /** Restarted, disabled, changed, deleted or server stopped. */
  ABORTED,
  /** A loop bound dropped the trigger; no step ran. */
  SUPPRESSED;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
