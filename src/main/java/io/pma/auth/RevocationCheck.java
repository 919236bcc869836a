package io.pma.auth;

import java.util.List;

/** Tells whether an otherwise valid token must be refused. */
@FunctionalInterface
public interface RevocationCheck {
  RevocationCheck NONE = (userId, tokenId, ancestors, epoch) -> false;

  /**
   * @param ancestors the ids of the tokens this one descends from (empty for a root token)
   * @param epoch the token's {@code epoch} claim (0 when absent)
   */
  boolean rejects(String userId, String tokenId, List<String> ancestors, long epoch);
}
