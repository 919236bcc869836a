package io.pma.adapter;

/** Why an entity action could not be carried out; {@link Kind} maps to the HTTP status. */
public final class ActionException extends RuntimeException {
  /** Failure kinds with the HTTP status the REST API answers. */
  public enum Kind {
    UNSUPPORTED(422), INVALID_PARAMETERS(422), UNAVAILABLE(503), UPSTREAM_FAILED(502), TIMEOUT(504);

    private final int httpStatus;

    Kind(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }

  private final Kind kind;

  public ActionException(Kind kind, String message) {
    super(message, null, false, false);
    this.kind = kind;
  }

  public Kind kind() {
    return kind;
  }

  public static ActionException unsupported(String entityId, String action) {
    return new ActionException(Kind.UNSUPPORTED,
        "action '" + action + "' is not supported by " + entityId);
  }

  public static ActionException invalid(String message) {
    return new ActionException(Kind.INVALID_PARAMETERS, message);
  }
}
