package io.pma.auth;

import io.pma.store.User;
import io.pma.store.UserStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Login and the first-start admin account. Blocking (bcrypt, database): call from worker threads.
 * Failures never say whether the username exists.
 */
public final class Accounts {
  private static final Logger LOG = LoggerFactory.getLogger(Accounts.class);
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
    return tokens.issue(user.id(), user.username(), user.roles(), tokenTtl, null);
  }

  /**
   * Creates the {@code admin} user when there are no users at all. The password is
   * {@code configuredPassword} when given, else generated and printed once (never stored in clear).
   */
  public void bootstrapAdmin(String configuredPassword) {
    if (users.count() > 0) {
      return;
    }
    boolean generated = configuredPassword == null || configuredPassword.isEmpty();
    String password = generated ? randomPassword() : configuredPassword;
    users.insert(new User(UUID.randomUUID().toString(), "admin", passwords.hash(password),
        EnumSet.of(Role.ADMIN, Role.USER), false, clock.instant().truncatedTo(ChronoUnit.MILLIS)));
    if (generated) {
      // Printed once, to the console only, so the operator can log in; it is not logged to files.
      System.out.println("PMA first start: created user 'admin' with password: " + password);
      System.out.println("Set PMA_ADMIN_PASSWORD before the first start to choose it yourself.");
    } else {
      LOG.info("first start: created user 'admin' with the password from PMA_ADMIN_PASSWORD");
    }
  }

  private static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
