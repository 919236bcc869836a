package io.pma.automation;

import java.util.Locale;

/**
 * What became of a trigger; {@code executionId} is set for started and queued runs.
 */
public record TriggerOutcome(Status status, String executionId) {
  /** The outcome's kind, with its wire name ({@code status} of the trigger answer). */
  public enum Status {
    STARTED,
    QUEUED,
    /** Mode single, or the queue/parallel limit is reached. */
    DROPPED,
    CONDITIONS_NOT_MET,
    /** The loop guard refused it. */
    SUPPRESSED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public boolean accepted() {
    return status == Status.STARTED || status == Status.QUEUED;
  }
}
