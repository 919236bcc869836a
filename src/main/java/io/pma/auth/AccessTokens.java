package io.pma.auth;

import io.pma.auth.AccountException.Kind;
import io.pma.store.AccessToken;
import io.pma.store.AccessTokenStore;
import io.pma.store.User;
import io.pma.store.UserStore;
import io.pma.topic.InvalidTopicException;
import io.pma.topic.TopicPattern;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Long-lived tokens for kiosks, scripts and devices: signed JWTs whose {@code jti} is stored, so a
 * token can be listed and revoked; the token text is shown once and never stored. Blocking.
 */
public final class AccessTokens {
  public static final int MAX_DAYS = 3650;
  private static final int MAX_NAME = 100;
  private static final int MAX_TOPICS = 100;

  private final AccessTokenStore store;
  private final UserStore users;
  private final JwtService jwt;
  private final TokenRevocations revocations;
  private final Clock clock;

  public AccessTokens(AccessTokenStore store, UserStore users, JwtService jwt,
      TokenRevocations revocations, Clock clock) {
    this.store = store;
    this.users = users;
    this.jwt = jwt;
    this.revocations = revocations;
    this.clock = clock;
  }

  /** A new token with its text (shown only in this answer). */
  public record Created(AccessToken token, String text) {}

  public Created create(Principal caller, String name, int expiresInDays, List<String> topics) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw new AccountException(Kind.INVALID, "'name' must have 1 to " + MAX_NAME + " characters");
    }
    if (expiresInDays < 1 || expiresInDays > MAX_DAYS) {
      throw new AccountException(Kind.INVALID,
          "'expires_in_days' must be from 1 to " + MAX_DAYS);
    }
    List<String> canonical = topics == null ? null : canonicalTopics(topics);
    User user = users.findById(caller.userId()).orElseThrow(
        () -> new AccountException(Kind.NOT_FOUND, "no user " + caller.userId()));
    IssuedToken issued = jwt.issue(user.id(), user.username(), user.roles(), user.tokenEpoch(),
        Duration.ofDays(expiresInDays), canonical);
    AccessToken token = new AccessToken(issued.tokenId(), user.id(), name, canonical,
        clock.instant().truncatedTo(ChronoUnit.MILLIS), issued.expiresAt(), null);
    store.insert(token);
    return new Created(token, issued.token());
  }

  /** The caller's tokens; with {@code all} (admins only) everyone's. */
  public List<AccessToken> list(Principal caller, boolean all) {
    if (all && !caller.isAdmin()) {
      throw new AccountException(Kind.FORBIDDEN, "listing others' tokens needs the admin role");
    }
    return store.list(all ? null : caller.userId());
  }

  /** Revokes a token of the caller's (or anyone's, for admins); effective at once everywhere. */
  public void revoke(Principal caller, String id) {
    AccessToken token = store.find(id)
        .filter(t -> caller.isAdmin() || t.userId().equals(caller.userId()))
        .orElseThrow(() -> new AccountException(Kind.NOT_FOUND, "no token " + id));
    if (!token.revoked()) {
      store.revoke(id, clock.instant().truncatedTo(ChronoUnit.MILLIS));
      revocations.tokenRevoked(id);
    }
  }

  private static List<String> canonicalTopics(List<String> topics) {
    if (topics.size() > MAX_TOPICS) {
      throw new AccountException(Kind.INVALID, "'topics' may list at most " + MAX_TOPICS);
    }
    try {
      return topics.stream().map(t -> TopicPattern.parse(t).toString()).distinct().toList();
    } catch (InvalidTopicException e) {
      throw new AccountException(Kind.INVALID, "'topics' contains an " + e.reason());
    }
  }
}
