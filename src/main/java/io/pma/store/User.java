package io.pma.store;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pma.auth.Role;
import java.time.Instant;
import java.util.Set;

/**
 * A stored account. The password hash and the token epoch never leave the server. The epoch rises on
 * every password, role or disabled change; tokens carrying an older epoch are refused.
 */
@JsonPropertyOrder({"id", "username", "roles", "disabled", "created_at"})
public record User(String id, String username, @JsonIgnore String passwordHash, Set<Role> roles,
    boolean disabled, Instant createdAt, @JsonIgnore long tokenEpoch) {

  public User withPassword(String hash) {
    return new User(id, username, hash, roles, disabled, createdAt, tokenEpoch + 1);
  }

  public User withRoles(Set<Role> newRoles) {
    return new User(id, username, passwordHash, Set.copyOf(newRoles), disabled, createdAt,
        tokenEpoch + 1);
  }

  public User withDisabled(boolean newDisabled) {
    return new User(id, username, passwordHash, roles, newDisabled, createdAt, tokenEpoch + 1);
  }

  public boolean isAdmin() {
    return roles.contains(Role.ADMIN);
  }
}
