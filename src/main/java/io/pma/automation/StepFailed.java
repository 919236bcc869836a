package io.pma.automation;

/** A step did not complete: {@code result} is {@code ERROR}, {@code TIMED_OUT} or {@code ABORTED}. */
final class StepFailed extends RuntimeException {
  private final StepResult result;

  StepFailed(StepResult result, String message) {
    super(message, null, false, false);
    this.result = result;
  }

  static StepFailed aborted() {
    return new StepFailed(StepResult.ABORTED, "the run was aborted");
  }

  StepResult result() {
    return result;
  }
}
