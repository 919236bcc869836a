package io.pma.automation;

/** A request about rules that cannot be met: unknown rule, or an id that is taken. */
public final class AutomationException extends RuntimeException {
  /** What went wrong, with the HTTP status the REST API answers. */
  public enum Kind {
    NOT_FOUND(404), CONFLICT(409), INVALID(422);

    private final int httpStatus;

    Kind(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }

  private final Kind kind;

  public AutomationException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  static AutomationException notFound(String id) {
    return new AutomationException(Kind.NOT_FOUND, "no automation '" + id + "'");
  }
}
