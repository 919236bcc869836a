package io.pma.adapter.homeassistant;

/** A failure talking to Home Assistant; {@link Kind} says which part of the protocol failed. */
final class HaException extends RuntimeException {
  enum Kind {
    /** {@code auth_invalid}: the token was refused. Retrying soon will not help. */
    AUTH_INVALID,
    /** A {@code result} with {@code success: false}; {@link #code()} is HA's error code. */
    REJECTED,
    /** No answer within the call timeout. */
    TIMEOUT,
    /** The connection closed or could not be opened. */
    CONNECTION,
    /** Home Assistant sent something the published protocol does not allow. */
    PROTOCOL
  }

  private final Kind kind;
  private final String code;

  HaException(Kind kind, String code, String message) {
    super(message, null, false, false);
    this.kind = kind;
    this.code = code;
  }

  static HaException connection(String message) {
    return new HaException(Kind.CONNECTION, null, message);
  }

  static HaException protocol(String message) {
    return new HaException(Kind.PROTOCOL, null, message);
  }

  Kind kind() {
    return kind;
  }

  /** HA's error code ({@code not_found}, {@code home_assistant_error}, ...) for REJECTED, else null. */
  String code() {
    return code;
  }
}
