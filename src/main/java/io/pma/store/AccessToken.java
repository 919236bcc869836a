package io.pma.store;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * A long-lived token as stored: by its {@code jti}, never the token text itself. {@code topics} null
 * means not limited to topic patterns.
 */
@JsonPropertyOrder({"id", "name", "user_id", "topics", "created_at", "expires_at", "revoked_at"})
public record AccessToken(String id, String userId, String name, List<String> topics,
    Instant createdAt, Instant expiresAt, Instant revokedAt) {

  public boolean revoked() {
    return revokedAt != null;
  }
}
