package io.pma.auth;

import io.pma.domain.Refusal;
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

  private final UserStore users;
  private final Passwords passwords;
  private final PasswordPolicy policy;
  private final TokenRevocations revocations;
  private final Clock clock;

  public UserAdmin(UserStore users, Passwords passwords, PasswordPolicy policy,
      TokenRevocations revocations, Clock clock) {
    this.users = users;
    this.passwords = passwords;
    this.policy = policy;
    this.revocations = revocations;
    this.clock = clock;
  }

  /**
   * What a PATCH may change; null fields stay as they are. {@code currentPassword} is needed to
   * change one's own password.
   */
  public record Changes(String password, String currentPassword, Set<Role> roles,
      Boolean disabled) {}

  public List<User> list() {
    return users.list();
  }

  public User get(String id) {
    return users.findById(id).orElseThrow(() -> new AccountException(Refusal.NOT_FOUND,
        "no user " + id));
  }

  public User create(String username, String password, Set<Role> roles) {
    if (username == null || !USERNAME.matcher(username).matches()) {
      throw new AccountException(Refusal.INVALID,
          "'username' must be 1-64 letters, digits or . _ @ -");
    }
    policy.check("password", password, username);
    checkRoles(roles);
    User user = new User(UUID.randomUUID().toString(), username, passwords.hash(password),
        Set.copyOf(roles), false, clock.instant().truncatedTo(ChronoUnit.MILLIS), 0);
    try {
      users.insert(user);
    } catch (StoreException e) {
      throw new AccountException(Refusal.CONFLICT, "username '" + username + "' is taken");
    }
    revocations.userChanged(user);
    return user;
  }

  /** Applies {@code changes} to user {@code id} on behalf of {@code caller}. */
  public User update(Principal caller, String id, Changes changes) {
    boolean self = caller.userId().equals(id);
    if (!caller.isAdmin() && (!self || changes.roles() != null || changes.disabled() != null)) {
      throw new AccountException(Refusal.FORBIDDEN,
          self ? "you may change only your own password" : "managing users needs the admin role");
    }
    User user = get(id);
    boolean removesAnAdmin = false;
    if (changes.password() != null) {
      if (self) {
        requireCurrentPassword(user, changes.currentPassword());
      }
      policy.check("password", changes.password(), user.username());
      user = user.withPassword(passwords.hash(changes.password()));
    }
    if (changes.roles() != null && !changes.roles().equals(user.roles())) {
      checkRoles(changes.roles());
      removesAnAdmin = user.isAdmin() && !changes.roles().contains(Role.ADMIN);
      user = user.withRoles(changes.roles());
    }
    if (changes.disabled() != null && changes.disabled() != user.disabled()) {
      removesAnAdmin |= changes.disabled() && user.isAdmin();
      user = user.withDisabled(changes.disabled());
    }
    if (removesAnAdmin) {
      if (!users.updateKeepingAnAdmin(user)) {
        throw lastAdmin(changes.disabled() != null && changes.disabled() ? "disabled" : "demoted");
      }
    } else {
      users.update(user);
    }
    revocations.userChanged(user);
    return user;
  }

  public void delete(String id) {
    User user = get(id);
    if (user.isAdmin() && !user.disabled()) {
      if (!users.deleteKeepingAnAdmin(id)) {
        throw lastAdmin("deleted");
      }
    } else {
      users.delete(id);
    }
    revocations.userDeleted(id);
  }

  private void requireCurrentPassword(User user, String currentPassword) {
    if (currentPassword == null) {
      throw new AccountException(Refusal.INVALID, "current_password",
          "'current_password' is required to change your own password");
    }
    if (!passwords.matchesOrBurn(currentPassword, user.passwordHash())) {
      throw new AccountException(Refusal.INVALID, "current_password",
          "'current_password' is not your current password");
    }
  }

  private static AccountException lastAdmin(String what) {
    return new AccountException(Refusal.CONFLICT, "the last admin cannot be " + what);
  }

  private static void checkRoles(Set<Role> roles) {
    if (roles == null || roles.isEmpty()) {
      throw new AccountException(Refusal.INVALID, "'roles' must name at least one of admin, user");
    }
  }
}
