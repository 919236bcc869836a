package io.pma.adapter.homeassistant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Json;

/**
 * Builds every message PMA sends to Home Assistant. Commands are built without {@code id}: the
 * connection stamps the next id when it sends them, so ids strictly increase per connection.
 */
final class HaMessages {
  private HaMessages() {}

  static ObjectNode auth(String accessToken) {
    ObjectNode message = Json.object();
    message.put("type", "auth");
    message.put("access_token", accessToken);
    return message;
  }

  /** {@code subscribe_events}; a null {@code eventType} subscribes to every event type. */
  static ObjectNode subscribeEvents(String eventType) {
    ObjectNode message = command("subscribe_events");
    if (eventType != null) {
      message.put("event_type", eventType);
    }
    return message;
  }

  static ObjectNode getStates() {
    return command("get_states");
  }

  static ObjectNode ping() {
    return command("ping");
  }

  static ObjectNode callService(ServiceCall call) {
    ObjectNode message = command("call_service");
    message.put("domain", call.domain());
    message.put("service", call.service());
    message.set("service_data", call.serviceData().deepCopy());
    message.putObject("target").put("entity_id", call.entityId());
    return message;
  }

  private static ObjectNode command(String type) {
    ObjectNode message = Json.object();
    message.put("type", type);
    return message;
  }
}
