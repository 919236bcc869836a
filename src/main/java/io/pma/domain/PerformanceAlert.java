package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.pma.topic.TopicFamily;

/** A configured threshold was crossed ({@code severity} "resolved" when it clears again). */
@JsonPropertyOrder({"metric", "value", "threshold", "severity", "message"})
public record PerformanceAlert(String metric, double value, double threshold, String severity,
    String message) implements PmaEvent {

  @Override
  public String type() {
    return "performance_alert";
  }

  @Override
  public TopicFamily family() {
    return TopicFamily.SYSTEM_EVENTS;
  }

  @Override
  public String key() {
    return "performance_alert";
  }
}
