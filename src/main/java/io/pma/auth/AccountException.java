package io.pma.auth;

/** A request on accounts or tokens that the rules refuse; {@link Kind} maps to the HTTP status. */
public final class AccountException extends RuntimeException {
  /** Why, with the HTTP status the REST API answers. */
  public enum Kind {
    INVALID(422), FORBIDDEN(403), NOT_FOUND(404), CONFLICT(409);

    private final int httpStatus;

    Kind(int httpStatus) {
      this.httpStatus = httpStatus;
    }

    public int httpStatus() {
      return httpStatus;
    }
  }

  private final Kind kind;
  private final String field;

  public AccountException(Kind kind, String message) {
    this(kind, null, message);
  }

  /** A refusal about one request field ({@code field}), answered with {@code invalid_params}. */
  public AccountException(Kind kind, String field, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.field = field;
  }

  public Kind kind() {
    return kind;
  }

  /** The request field at fault, or null. */
  public String field() {
    return field;
  }
}
