package io.pma.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Long-lived access tokens, and the session tokens retired by a refresh. Blocking calls: use from
 * worker threads.
 */
public interface AccessTokenStore {
  void insert(AccessToken token);

  Optional<AccessToken> find(String id);

  /** Tokens of one user, or of everyone when {@code userId} is null. */
  List<AccessToken> list(String userId);

  /** Tokens minted with token {@code parentId}. */
  List<AccessToken> children(String parentId);

  /** Marks a token revoked; false when there was no such unrevoked token. */
  boolean revoke(String id, Instant at);

  /**
   * Records that session token {@code id} was exchanged by a refresh; false when it already was
   * (a second exchange of the same token). Atomic across every node sharing the database.
   */
  boolean retireSession(String id, String userId, Instant expiresAt, Instant now);

  /**
   * Every revoked long-lived token and retired session that has not expired yet (expired ones fail
   * anyway), with its expiry.
   */
  Map<String, Instant> revokedUnexpired(Instant now);

  /** The expiry of revoked token or retired session {@code id}; empty when it is neither. */
  Optional<Instant> revokedUntil(String id);
}
