package io.pma.store;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Long-lived access tokens. Blocking calls: use from worker threads. */
public interface AccessTokenStore {
  void insert(AccessToken token);

  Optional<AccessToken> find(String id);

  /** Tokens of one user, or of everyone when {@code userId} is null. */
  List<AccessToken> list(String userId);

  /** Marks a token revoked; false when there was no such unrevoked token. */
  boolean revoke(String id, Instant at);

  /** Ids of every revoked token that has not expired yet (expired ones fail anyway). */
  List<String> revokedUnexpired(Instant now);
}
