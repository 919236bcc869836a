package io.pma.auth;

import io.pma.auth.AccountException.Kind;
import io.pma.store.StoreException;
import io.pma.store.User;
import io.pma.store.UserStore;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Creating, changing and deleting accounts under the rules: only admins manage others; nobody raises
 * their own role; the last active admin cannot be deleted, demoted or disabled. Every change that
 * touches credentials or rights moves the user's token epoch, which ends their open sessions.
 * Blocking: call from worker threads.
 */
public final class UserAdmin {
  private static final Pattern USERNAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");
  private static final int MIN_PASSWORD = 8;
  private static final int MAX_PASSWORD = 1024;

  private final UserStore users;
  private final Passwords passwords;
  private final TokenRevocations revocations;
  private final Clock clock;

  public UserAdmin(UserStore users, Passwords passwords, TokenRevocations revocations,
      Clock clock) {
    this.users = users;
    this.passwords = passwords;
    this.revocations = revocations;
    this.clock = clock;
  }

  /** What a PATCH may change; null fields stay as they are. */
  public record Changes(String password, Set<Role> roles, Boolean disabled) {}

  public List<User> list() {
    return users.list();
  }

  public User get(String id) {
    return users.findById(id).orElseThrow(() -> new AccountException(Kind.NOT_FOUND,
        "no user " + id));
  }

  public User create(String username, String password, Set<Role> roles) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new AccountException(Kind.INVALID,
          "'username' must be 1-64 letters, digits or . _ @ -");
    }
    checkPassword(password);
    checkRoles(roles);
    User user = new User(UUID.randomUUID().toString(), username, passwords.hash(password),
        Set.copyOf(roles), false, clock.instant().truncatedTo(ChronoUnit.MILLIS), 0);
    try {
      users.insert(user);
    } catch (StoreException e) {
      throw new AccountException(Kind.CONFLICT, "username '" + username + "' is taken");
    }
    revocations.userChanged(user);
    return user;
  }

  /** Applies {@code changes} to user {@code id} on behalf of {@code caller}. */
  public User update(Principal caller, String id, Changes changes) {
    boolean self = caller.userId().equals(id);
    if (!caller.isAdmin() && (!self || changes.roles() != null || changes.disabled() != null)) {
      throw new AccountException(Kind.FORBIDDEN,
          self ? "you may change only your own password" : "managing users needs the admin role");
    }
    User user = get(id);
    if (changes.password() != null) {
      checkPassword(changes.password());
      user = user.withPassword(passwords.hash(changes.password()));
    }
    if (changes.roles() != null && !changes.roles().equals(user.roles())) {
      checkRoles(changes.roles());
      if (user.isAdmin() && !changes.roles().contains(Role.ADMIN)) {
        requireAnotherAdmin(user, "demoted");
      }
      user = user.withRoles(changes.roles());
    }
    if (changes.disabled() != null && changes.disabled() != user.disabled()) {
      if (changes.disabled() && user.isAdmin()) {
        requireAnotherAdmin(user, "disabled");
      }
      user = user.withDisabled(changes.disabled());
    }
    users.update(user);
    revocations.userChanged(user);
    return user;
  }

  public void delete(String id) {
    User user = get(id);
    if (user.isAdmin()) {
      requireAnotherAdmin(user, "deleted");
    }
    users.delete(id);
    revocations.userDeleted(id);
  }

  private void requireAnotherAdmin(User user, String what) {
    boolean another = users.list().stream()
        .anyMatch(u -> !u.id().equals(user.id()) && u.isAdmin() && !u.disabled());
    if (!another) {
      throw new AccountException(Kind.CONFLICT, "the last admin cannot be " + what);
    }
  }

  private static void checkPassword(String password) {
    if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
      throw new AccountException(Kind.INVALID,
          "'password' must have " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
    }
  }

  private static void checkRoles(Set<Role> roles) {
    if (roles == null || roles.isEmpty()) {
      throw new AccountException(Kind.INVALID, "'roles' must name at least one of admin, user");
    }
  }
}
