package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pma.topic.TopicFamily;
import java.time.Instant;

/** A message for people; {@code userId} null means every connection, else that user's only. */
@JsonPropertyOrder({"id", "title", "message", "level", "source", "user_id", "created_at"})
public record Notification(String id, String title, String message, String level, String source,
    String userId, Instant createdAt) implements PmaEvent {

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
