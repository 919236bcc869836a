package io.pma.auth;

/** Tells whether an otherwise valid token must be refused. */
@FunctionalInterface
public interface RevocationCheck {
  RevocationCheck NONE = (userId, tokenId, epoch) -> false;

  /** @param epoch the token's {@code epoch} claim (0 when absent) */
  boolean rejects(String userId, String tokenId, long epoch);
}
