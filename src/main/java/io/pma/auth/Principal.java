package io.pma.auth;

import io.pma.topic.TopicPattern;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Who a verified token speaks for. {@code topics} is null when the token is not limited to topic
 * patterns; {@code tokenId} is the JWT's {@code jti}.
 */
public record Principal(String userId, String username, Set<Role> roles, List<TopicPattern> topics,
    Instant expiresAt, String tokenId) {

  public boolean hasRole(Role role) {
    return roles.contains(role) || roles.contains(Role.ADMIN);
  }

  public boolean isAdmin() {
    return roles.contains(Role.ADMIN);
  }
}
