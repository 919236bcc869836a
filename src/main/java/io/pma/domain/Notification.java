package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pma.topic.TopicFamily;
import java.time.Instant;
import java.util.List;

/**
 * A message for people; {@code userId} null means every connection, else that user's only.
 * {@code level} is one of {@link #LEVELS}.
 */
@JsonPropertyOrder({"id", "title", "message", "level", "source", "user_id", "created_at"})
public record Notification(String id, String title, String message, String level, String source,
    String userId, Instant createdAt) implements PmaEvent {

  /** The levels of PROTOCOL.md section 5, mildest first. */
  public static final List<String> LEVELS = List.of("info", "success", "warning", "error");

  public Notification {
    if (!LEVELS.contains(level)) {
      throw new IllegalArgumentException("notification level must be one of " + LEVELS
          + " (got " + level + ")");
    }
  }

  @Override
  public String type() {
    return "notification";
  }

  @Override
  public TopicFamily family() {
    return TopicFamily.NOTIFICATIONS;
  }

  @Override
  public String key() {
    return "";
  }
}
