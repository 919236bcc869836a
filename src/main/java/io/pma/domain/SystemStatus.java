package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.topic.TopicFamily;
import java.util.Map;

/** The periodic overview of PROTOCOL.md section 5 ({@code system_status}). */
@JsonPropertyOrder({"status", "version", "uptime_seconds", "cpu", "memory", "websocket", "entities",
    "adapters", "database"})
public record SystemStatus(
    String status,
    String version,
    long uptimeSeconds,
    ObjectNode cpu,
    ObjectNode memory,
    ObjectNode websocket,
    ObjectNode entities,
    Map<String, String> adapters,
    ObjectNode database) implements PmaEvent {

  @Override
  public String type() {
    return "system_status";
  }

  @Override
  public TopicFamily family() {
    return TopicFamily.SYSTEM_STATUS;
  }

  @Override
  public String key() {
    return "";
  }
}
