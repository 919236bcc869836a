package io.pma.auth;

/** A token or credentials that do not authenticate; the message is safe to show the client. */
public final class AuthenticationException extends RuntimeException {
  public AuthenticationException(String message) {
    super(message, null, false, false);
  }
}
