package io.pma.auth;

import io.pma.domain.Refusal;
import io.pma.store.AccessToken;
import io.pma.store.AccessTokenStore;
import io.pma.store.User;
import io.pma.store.UserStore;
import io.pma.topic.InvalidTopicException;
import io.pma.topic.TopicPattern;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

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

  /**
   * Mints a token for the caller's account, never wider than the caller's own token: its topics
   * lie within the caller's topics (a scoped caller's topics are inherited when none are given),
   * and a token minted by a long-lived token (or a session descending from one) expires no later
   * than that token and dies with it. Only a password session mints a root token.
   */
  public Created create(Principal caller, String name, int expiresInDays, List<String> topics) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw new AccountException(Refusal.INVALID, "'name' must have 1 to " + MAX_NAME + " characters");
    }
    if (expiresInDays < 1 || expiresInDays > MAX_DAYS) {
      throw new AccountException(Refusal.INVALID,
          "'expires_in_days' must be from 1 to " + MAX_DAYS);
    }
    List<String> canonical = topics == null ? inheritedTopics(caller) : canonicalTopics(topics);
    requireWithinCallerTopics(caller, canonical);
    User user = users.findById(caller.userId()).orElseThrow(
        () -> new AccountException(Refusal.NOT_FOUND, "no user " + caller.userId()));
    Descent descent = descentOf(caller);
    Instant now = clock.instant();
    Instant expires = now.plus(Duration.ofDays(expiresInDays));
    if (descent.ceiling() != null && expires.isAfter(descent.ceiling())) {
      throw new AccountException(Refusal.INVALID, "'expires_in_days' reaches past "
          + descent.ceiling().truncatedTo(ChronoUnit.SECONDS)
          + ", the end of the token this request was made with");
    }
    Lineage lineage = descent.lineage();
    IssuedToken issued = jwt.issue(user.id(), user.username(), user.roles(), user.tokenEpoch(),
        expires, canonical, lineage);
    String parentId = lineage.ancestors().isEmpty() ? null
        : lineage.ancestors().get(lineage.ancestors().size() - 1);
    AccessToken token = new AccessToken(issued.tokenId(), user.id(), name, canonical, parentId,
        now.truncatedTo(ChronoUnit.MILLIS), issued.expiresAt(), null);
    store.insert(token);
    return new Created(token, issued.token());
  }

  /** What a token minted by the caller descends from, and the latest expiry it may have. */
  private record Descent(Lineage lineage, Instant ceiling) {}

  private Descent descentOf(Principal caller) {
    Optional<AccessToken> parent = store.find(caller.tokenId());
    if (parent.isPresent()) {
      return new Descent(caller.lineage().childOf(caller.tokenId(), null),
          parent.get().expiresAt());
    }
    if (!caller.lineage().ancestors().isEmpty()) {
      // A session refreshed from a long-lived token stands for that token.
      return new Descent(new Lineage(caller.lineage().ancestors(), null),
          Objects.requireNonNullElse(caller.lineage().refreshUntil(), caller.expiresAt()));
    }
    return new Descent(Lineage.ROOT, null);
  }

  private static List<String> inheritedTopics(Principal caller) {
    return caller.scoped() ? caller.topics().stream().map(TopicPattern::toString).toList() : null;
  }

  private static void requireWithinCallerTopics(Principal caller, List<String> topics) {
    if (!caller.scoped()) {
      return;
    }
    for (String topic : topics) {
      TopicPattern pattern = TopicPattern.parse(topic);
      if (caller.topics().stream().noneMatch(pattern::isCoveredBy)) {
        throw new AccountException(Refusal.FORBIDDEN, "topic '" + topic
            + "' is wider than the topics of the token this request was made with");
      }
    }
  }

  /** The caller's tokens; with {@code all} (admins only) everyone's. */
  public List<AccessToken> list(Principal caller, boolean all) {
    if (all && !caller.isAdmin()) {
      throw new AccountException(Refusal.FORBIDDEN, "listing others' tokens needs the admin role");
    }
    return store.list(all ? null : caller.userId());
  }

  /** Revokes a token of the caller's (or anyone's, for admins); effective at once everywhere. */
  public void revoke(Principal caller, String id) {
    AccessToken token = store.find(id)
        .filter(t -> caller.isAdmin() || t.userId().equals(caller.userId()))
        .orElseThrow(() -> new AccountException(Refusal.NOT_FOUND, "no token " + id));
    revokeWithDescendants(token);
  }

  /**
   * Marks the token and everything minted from it revoked in the store (so listings tell the
   * truth); refusing them needs only the root's id in memory, as descendants carry it in their
   * lineage.
   */
  private void revokeWithDescendants(AccessToken root) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Deque<AccessToken> pending = new ArrayDeque<>(List.of(root));
    while (!pending.isEmpty()) {
      AccessToken token = pending.removeFirst();
      store.revoke(token.id(), now);
      pending.addAll(store.children(token.id()));
    }
    revocations.tokenRevoked(root.id(), root.expiresAt());
  }

  private static List<String> canonicalTopics(List<String> topics) {
    if (topics.size() > MAX_TOPICS) {
      throw new AccountException(Refusal.INVALID, "'topics' may list at most " + MAX_TOPICS);
    }
    try {
      return topics.stream().map(t -> TopicPattern.parse(t).toString()).distinct().toList();
    } catch (InvalidTopicException e) {
      throw new AccountException(Refusal.INVALID, "'topics' contains an " + e.reason());
    }
  }
}
