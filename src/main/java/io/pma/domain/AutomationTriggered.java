package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;

/** An automation rule started a run. */
@JsonPropertyOrder({"automation_id", "name", "execution_id", "trigger", "triggered_at"})
public record AutomationTriggered(String automationId, String name, String executionId,
    ObjectNode trigger, Instant triggeredAt) implements PmaEvent {

  @Override
  public EventKind kind() {
    return EventKind.AUTOMATION_TRIGGERED;
  }

  @Override
  public String key() {
    return automationId;
  }
}
