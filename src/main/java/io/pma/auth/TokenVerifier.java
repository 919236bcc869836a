package io.pma.auth;

/** Turns a bearer token into a {@link Principal}. Pure CPU and in-memory lookups: safe on an event loop. */
public interface TokenVerifier {
  /** @throws AuthenticationException when the token is malformed, wrongly signed, expired or revoked */
  Principal verify(String token);
}
