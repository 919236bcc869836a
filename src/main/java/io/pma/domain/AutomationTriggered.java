package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.topic.TopicFamily;
import java.time.Instant;

/** An automation rule started a run. */
@JsonPropertyOrder({"automation_id", "name", "execution_id", "trigger", "triggered_at"})
public record AutomationTriggered(String automationId, String name, String executionId,
    ObjectNode trigger, Instant triggeredAt) implements PmaEvent {

  @Override
  public String type() {
    return "automation_triggered";
  }

  @Override
  public TopicFamily family() {
    return TopicFamily.AUTOMATION_EVENTS;
  }

  @Override
  public String key() {
    return automationId;
  }
}
