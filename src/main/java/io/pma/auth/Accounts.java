package io.pma.auth;

import io.pma.domain.Refusal;
import io.pma.store.AccessTokenStore;
import io.pma.store.User;
import io.pma.store.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Login and session tokens. Blocking (bcrypt, database): call from worker threads.
 * Failures never say whether the username exists.
 *
 * <p>A session's refresh chain ends {@code sessionLifetime} after the password login that began
 * it; refreshing retires the presented session token (single use). A session refreshed from a
 * long-lived token descends from it: revoking that token ends the session too.
 */
public final class Accounts {
  public static final String BAD_CREDENTIALS = "Invalid username or password";

  private final UserStore users;
  private final AccessTokenStore tokens;
  private final Passwords passwords;
  private final JwtService jwt;
  private final TokenRevocations revocations;
  private final Durations durations;
  private final Clock clock;

  /** How long a session token lives, and how long its refresh chain may last. */
  public record Durations(Duration tokenTtl, Duration sessionLifetime) {}

  public Accounts(UserStore users, AccessTokenStore tokens, Passwords passwords, JwtService jwt,
      TokenRevocations revocations, Durations durations, Clock clock) {
    this.users = users;
    this.tokens = tokens;
    this.passwords = passwords;
    this.jwt = jwt;
    this.revocations = revocations;
    this.durations = durations;
    this.clock = clock;
  }

  /** A session token with the user it was issued to. */
  public record Login(IssuedToken token, User user) {}

  public Login login(String username, String password) {
    Optional<User> user = users.findByUsername(username);
    String hash = user.filter(u -> !u.disabled()).map(User::passwordHash).orElse(null);
    if (!passwords.matchesOrBurn(password, hash)) {
      throw new AuthenticationException(BAD_CREDENTIALS);
    }
    Instant now = clock.instant();
    return new Login(session(user.get(), new Lineage(List.of(),
        now.plus(durations.sessionLifetime()))), user.get());
  }

  /**
   * Exchanges the caller's token for a fresh session token. A session token is retired by the
   * exchange (a second exchange of it fails) and its successor ends where its chain ends; a
   * long-lived token stays valid and the session descends from it.
   */
  public Login refresh(Principal caller) {
    if (caller.scoped()) {
      throw new AccountException(Refusal.FORBIDDEN,
          "tokens limited to topics cannot be refreshed; create a new one");
    }
    User user = users.findById(caller.userId())
        .orElseThrow(() -> new AuthenticationException("Token revoked"));
    Instant now = clock.instant();
    Lineage lineage;
    if (tokens.find(caller.tokenId()).isPresent()) {
      Instant until = earlier(now.plus(durations.sessionLifetime()), caller.expiresAt());
      lineage = caller.lineage().childOf(caller.tokenId(), until);
    } else {
      Instant until = caller.lineage().refreshUntil() != null
          ? caller.lineage().refreshUntil() : caller.expiresAt();
      if (!now.isBefore(until)) {
        throw new AuthenticationException("Session lifetime reached; log in again");
      }
      if (!tokens.retireSession(caller.tokenId(), user.id(), caller.expiresAt(), now)) {
        throw new AuthenticationException("Token revoked");
      }
      revocations.sessionRetired(caller.tokenId(), caller.expiresAt());
      lineage = new Lineage(caller.lineage().ancestors(), until);
    }
    return new Login(session(user, lineage), user);
  }

  private IssuedToken session(User user, Lineage lineage) {
    Instant expires = earlier(clock.instant().plus(durations.tokenTtl()), lineage.refreshUntil());
    return jwt.issue(user.id(), user.username(), user.roles(), user.tokenEpoch(), expires, null,
        lineage);
  }

  private static Instant earlier(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
