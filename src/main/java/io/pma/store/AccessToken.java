package io.pma.store;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * A long-lived token as stored: by its {@code jti}, never the token text itself. {@code topics} null
 * means not limited to topic patterns; {@code parentId} is the long-lived token it was minted with
 * (null when minted by a password session).
 */
@JsonPropertyOrder({"id", "name", "user_id", "topics", "parent_id", "created_at", "expires_at",
    "revoked_at"})
public record AccessToken(String id, String userId, String name, List<String> topics,
    String parentId, Instant createdAt, Instant expiresAt, Instant revokedAt) {

  public boolean revoked() {
    return revokedAt != null;
  }
}
