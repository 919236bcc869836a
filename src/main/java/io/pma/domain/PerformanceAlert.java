package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** A configured threshold was crossed ({@code severity} "resolved" when it clears again). */
@JsonPropertyOrder({"metric", "value", "threshold", "severity", "message"})
public record PerformanceAlert(String metric, double value, double threshold, String severity,
    String message) implements PmaEvent {

  @Override
  public EventKind kind() {
    return EventKind.PERFORMANCE_ALERT;
  }
}
