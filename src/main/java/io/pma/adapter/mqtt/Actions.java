package io.pma.adapter.mqtt;

import io.pma.domain.Refusal;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.adapter.ActionException;
import java.util.Map;

/** Reading and checking action parameters; every problem is an {@link ActionException} (422). */
final class Actions {
  private Actions() {}

  static boolean has(ObjectNode params, String key) {
    return params != null && params.hasNonNull(key);
  }

  /** A required number within [min, max]. */
  static double number(ObjectNode params, String key, double min, double max) {
    JsonNode value = params == null ? null : params.get(key);
    if (value == null || value.isNull()) {
      throw ActionException.invalid("'" + key + "' is required");
    }
    if (!value.isNumber() || value.doubleValue() < min || value.doubleValue() > max) {
      throw ActionException.invalid("'" + key + "' must be a number from "
          + PythonText.ofNumber(min) + " to " + PythonText.ofNumber(max));
    }
    return value.doubleValue();
  }

  static String text(ObjectNode params, String key) {
    JsonNode value = params == null ? null : params.get(key);
    if (value == null || !value.isTextual() || value.textValue().isEmpty()) {
      throw ActionException.invalid("'" + key + "' must be a non-empty string");
    }
    return value.textValue();
  }

  static boolean bool(ObjectNode params, String key) {
    JsonNode value = params == null ? null : params.get(key);
    if (value == null || !value.isBoolean()) {
      throw ActionException.invalid("'" + key + "' must be true or false");
    }
    return value.booleanValue();
  }

  /** A brightness from {@code brightness} (0-255) or {@code brightness_pct} (0-100), or -1. */
  static int brightness(ObjectNode params) {
    if (has(params, "brightness")) {
      return (int) Math.round(number(params, "brightness", 0, 255));
    }
    if (has(params, "brightness_pct")) {
      return (int) Math.round(number(params, "brightness_pct", 0, 100) * 255 / 100);
    }
    return -1;
  }

  /** {@code text} as the payload, or {@code template} (when set) rendered with it as value. */
  static String payload(CommandTemplate template, String text) {
    return payload(template, text, JsonNodeFactory.instance.textNode(text));
  }

  /** {@code plain} as the payload, or {@code template} (when set) rendered with {@code value}. */
  static String payload(CommandTemplate template, String plain, JsonNode value) {
    return template == null ? plain : render(template, Map.of("value", value));
  }

  static String render(CommandTemplate template, Map<String, JsonNode> values) {
    if (template.unsupportedReason() != null) {
      throw new ActionException(Refusal.UNSUPPORTED,
          "the device's command template is not supported: " + template.unsupportedReason());
    }
    try {
      return template.render(values);
    } catch (MalformedPayloadException e) {
      throw ActionException.invalid("command template failed: " + e.getMessage());
    }
  }

  static ActionException unsupported(String entityId, String action) {
    return ActionException.unsupported(entityId, action);
  }

  static ActionException unsupported(String entityId, String action, String why) {
    return new ActionException(Refusal.UNSUPPORTED,
        "action '" + action + "' is not supported by " + entityId + ": " + why);
  }
}
