package io.pma.automation;

/**
 * What became of a trigger; {@code executionId} is set for started and queued runs.
 */
public record TriggerOutcome(Status status, String executionId) {
  /** The outcome's kind, with its wire name ({@code status} of the trigger answer). */
  public enum Status {
    STARTED("started"),
    QUEUED("queued"),
    /** Mode single, or the queue/parallel limit is reached. */
    DROPPED("dropped"),
    CONDITIONS_NOT_MET("conditions_not_met"),
    /** The loop guard refused it. */
    SUPPRESSED("suppressed");

    private final String wireName;

    Status(String wireName) {
      this.wireName = wireName;
    }

    public String wireName() {
      return wireName;
    }
  }

  public boolean accepted() {
    return status == Status.STARTED || status == Status.QUEUED;
  }
}
