package io.pma.automation;

/** A step did not complete; {@code result}: {@code error}, {@code timed_out}, {@code aborted}. */
final class StepFailed extends RuntimeException {
  static final String ERROR = "error";
  static final String TIMED_OUT = "timed_out";
  static final String ABORTED = "aborted";

  private final String result;

  StepFailed(String result, String message) {
    super(message, null, false, false);
    this.result = result;
  }

  static StepFailed aborted() {
    return new StepFailed(ABORTED, "the run was aborted");
  }

  String result() {
    return result;
  }
}
