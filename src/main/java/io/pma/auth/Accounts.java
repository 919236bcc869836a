package io.pma.auth;

import io.pma.store.User;
import io.pma.store.UserStore;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * Login and session tokens. Blocking (bcrypt, database): call from worker threads.
 * Failures never say whether the username exists.
 */
public final class Accounts {
  public static final String BAD_CREDENTIALS = "Invalid username or password";

  private final UserStore users;
  private final Passwords passwords;
  private final JwtService tokens;
  private final Duration tokenTtl;
  private final Clock clock;

  public Accounts(UserStore users, Passwords passwords, JwtService tokens, Duration tokenTtl,
      Clock clock) {
    this.users = users;
    this.passwords = passwords;
    this.tokens = tokens;
    this.tokenTtl = tokenTtl;
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
    return new Login(issueSession(user.get()), user.get());
  }

  public IssuedToken issueSession(User user) {
    return tokens.issue(user.id(), user.username(), user.roles(), user.tokenEpoch(), tokenTtl,
        null);
  }
}
