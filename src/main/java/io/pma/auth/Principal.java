package io.pma.auth;

import io.pma.topic.TopicPattern;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Who a verified token speaks for. {@code topics} is null when the token is not limited to topic
 * patterns (a "scoped" token is one that is); {@code tokenId} is the JWT's {@code jti};
 * {@code lineage} says which tokens it descends from.
 */
public record Principal(String userId, String username, Set<Role> roles, List<TopicPattern> topics,
    Instant expiresAt, String tokenId, Lineage lineage) {

  public Principal(String userId, String username, Set<Role> roles, List<TopicPattern> topics,
      Instant expiresAt, String tokenId) {
    this(userId, username, roles, topics, expiresAt, tokenId, Lineage.ROOT);
  }

  public boolean hasRole(Role role) {
    return roles.contains(role) || roles.contains(Role.ADMIN);
  }

  public boolean isAdmin() {
    return roles.contains(Role.ADMIN);
  }

  /** Whether the token is limited to topic patterns (a kiosk or device token). */
  public boolean scoped() {
    return topics != null;
  }

  /** Whether revoking token {@code id} ends this principal's token. */
  public boolean endsWith(String id) {
    return id.equals(tokenId) || lineage.descendsFrom(id);
  }
}
