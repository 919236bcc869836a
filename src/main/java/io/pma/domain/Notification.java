package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * A message for people; {@code userId} null means every connection, {@link #ADMINS} the
 * connections of admins (system notifications: performance alerts, adapters lost and back), else
 * that user's only. {@code level} is one of {@link #LEVELS}.
 */
@JsonPropertyOrder({"id", "title", "message", "level", "source", "user_id", "created_at"})
public record Notification(String id, String title, String message, String level, String source,
    String userId, Instant createdAt) implements PmaEvent {

  /** The levels of PROTOCOL.md section 5, mildest first. */
  public static final List<String> LEVELS = List.of("info", "success", "warning", "error");

  /**
   * The {@code user_id} addressing admins (tokens not limited to topics). User ids are UUIDs, so no
   * user has this id; it needs no column of its own and older nodes treat it as "someone else's".
   */
  public static final String ADMINS = "@admins";

  public Notification {
    if (!LEVELS.contains(level)) {
      throw new IllegalArgumentException("notification level must be one of " + LEVELS
          + " (got " + level + ")");
    }
  }

  /** Whether only admins receive this notification. */
  public boolean forAdmins() {
    return ADMINS.equals(userId);
  }

  @Override
  public EventKind kind() {
    return EventKind.NOTIFICATION;
  }
}
