package io.pma.auth;

import io.pma.config.ConfigException;
import io.pma.store.User;
import io.pma.store.UserStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code admin} account PMA creates when it starts with no users at all. */
public final class FirstStart {
  private static final Logger LOG = LoggerFactory.getLogger(FirstStart.class);

  private FirstStart() {}

  /**
   * Creates {@code admin} when there are no users. The password is {@code configuredPassword} when
   * given, else generated and printed once to the console (never stored in clear, never logged).
   * A configured password must pass {@code policy}: PMA refuses to start with a weak one (thrown
   * here). The account is hashed and stored on a thread of its own, because bcrypt is a third of a
   * first start's time and the rest of PMA can be built meanwhile; the result completes with the
   * created account, or empty when there were users already.
   */
  public static CompletableFuture<Optional<User>> ensureAdmin(UserStore users,
      Passwords passwords, PasswordPolicy policy, String configuredPassword, Clock clock) {
    if (users.count() > 0) {
      if (configuredPassword != null && !configuredPassword.isEmpty()) {
        LOG.warn("PMA_ADMIN_PASSWORD (auth.admin_password) is ignored: it sets the admin password"
            + " on the first start only. To change it, stop PMA and run `pma admin reset-password`"
            + " (it takes PMA_ADMIN_PASSWORD), or PATCH /api/v1/users/{id} as an admin");
      }
      return CompletableFuture.completedFuture(Optional.empty());
    }
    boolean generated = configuredPassword == null || configuredPassword.isEmpty();
    if (!generated) {
      policy.problem(configuredPassword, "admin").ifPresent(reason -> {
        throw new ConfigException("PMA_ADMIN_PASSWORD (auth.admin_password) " + reason
            + "; set a better one, or none to have a password generated");
      });
    }
    String password = generated ? randomPassword() : configuredPassword;
    return CompletableFuture.supplyAsync(() -> Optional.of(create(users, passwords.hash(password),
        clock)), task -> new Thread(task, "pma-first-admin").start()).thenApply(admin -> {
          announce(generated, password);
          return admin;
        });
  }

  private static User create(UserStore users, String passwordHash, Clock clock) {
    User admin = new User(UUID.randomUUID().toString(), "admin", passwordHash,
        EnumSet.of(Role.ADMIN, Role.USER), false, clock.instant().truncatedTo(ChronoUnit.MILLIS),
        0);
    users.insert(admin);
    return admin;
  }

  private static void announce(boolean generated, String password) {
    if (generated) {
      System.out.println("PMA first start: created user 'admin' with password: " + password);
      System.out.println("Set PMA_ADMIN_PASSWORD before the first start to choose it yourself.");
    } else {
      LOG.info("first start: created user 'admin' with the password from PMA_ADMIN_PASSWORD");
    }
  }

  /** A new random password (144 bits, URL-safe). */
  public static String randomPassword() {
    byte[] bytes = new byte[18];
    new SecureRandom().nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
