package io.pma.adapter.homeassistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A message Home Assistant sends on its WebSocket API, as the published protocol defines it: the
 * auth phase ({@code auth_required}, {@code auth_ok}, {@code auth_invalid}) and the command phase
 * ({@code result}, {@code event}, {@code pong}). Types PMA does not use parse as {@link Other}.
 */
sealed interface HaInbound
    permits HaInbound.AuthRequired, HaInbound.AuthOk, HaInbound.AuthInvalid, HaInbound.Result,
        HaInbound.Event, HaInbound.Pong, HaInbound.Other {

  record AuthRequired(String haVersion) implements HaInbound {}

  record AuthOk(String haVersion) implements HaInbound {}

  record AuthInvalid(String message) implements HaInbound {}

  /** {@code result}: {@code result} on success, {@code errorCode}/{@code errorMessage} otherwise. */
  record Result(int id, boolean success, JsonNode result, String errorCode, String errorMessage)
      implements HaInbound {}

  /** {@code event}: {@code id} is the id of the {@code subscribe_events} command. */
  record Event(int id, ObjectNode event) implements HaInbound {}

  record Pong(int id) implements HaInbound {}

  record Other(String type) implements HaInbound {}

  /** Parses one message object; throws {@link HaException} (PROTOCOL) when it breaks the protocol. */
  static HaInbound parse(JsonNode message) {
    if (message == null || !message.isObject() || !message.path("type").isTextual()) {
      throw HaException.protocol("message without a type: " + abbreviate(message));
    }
    String type = message.get("type").asText();
    switch (type) {
      case "auth_required":
        return new AuthRequired(message.path("ha_version").asText(null));
      case "auth_ok":
        return new AuthOk(message.path("ha_version").asText(null));
      case "auth_invalid":
        return new AuthInvalid(message.path("message").asText("authentication failed"));
      case "result":
        return result(message);
      case "event":
        if (!(message.get("event") instanceof ObjectNode event)) {
          throw HaException.protocol("event message without an event object");
        }
        return new Event(id(message), event);
      case "pong":
        return new Pong(id(message));
      default:
        return new Other(type);
    }
  }

  private static Result result(JsonNode message) {
    int id = id(message);
    if (!message.path("success").isBoolean()) {
      throw HaException.protocol("result " + id + " without a boolean success");
    }
    if (message.get("success").asBoolean()) {
      return new Result(id, true, message.get("result"), null, null);
    }
    JsonNode error = message.path("error");
    return new Result(id, false, null, error.path("code").asText("unknown_error"),
        error.path("message").asText("(no message)"));
  }

  private static int id(JsonNode message) {
    JsonNode id = message.get("id");
    if (id == null || !id.canConvertToInt()) {
      throw HaException.protocol(message.path("type").asText() + " message without an integer id");
    }
    return id.asInt();
  }

  private static String abbreviate(JsonNode message) {
    String text = String.valueOf(message);
    return text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }
}
