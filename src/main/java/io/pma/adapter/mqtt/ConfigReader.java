package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Typed, validating access to one normalized discovery config. Every failure is an
 * {@link InvalidConfigException} naming the key, so a bad config is reported in one log line.
 */
final class ConfigReader {
  private static final int MAX_TOPIC_LENGTH = 65535;
  private final ObjectNode config;

  ConfigReader(ObjectNode config) {
    this.config = config;
  }

  ObjectNode node() {
    return config;
  }

  boolean has(String key) {
    return config.has(key);
  }

  /** A string (scalars in Python's text form), {@code fallback} when absent, null when null. */
  String string(String key, String fallback) throws InvalidConfigException {
    JsonNode value = config.get(key);
    if (value == null) {
      return fallback;
    }
    if (value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw new InvalidConfigException("'" + key + "' must be a string");
    }
    return PythonText.of(value);
  }

  String required(String key) throws InvalidConfigException {
    String value = string(key, null);
    if (value == null || value.isEmpty()) {
      throw new InvalidConfigException("'" + key + "' is required");
    }
    return value;
  }

  /** A topic to subscribe to (wildcards allowed), or null when absent. */
  String subscribeTopic(String key) throws InvalidConfigException {
    String topic = string(key, null);
    if (topic != null) {
      validTopic(key, topic);
    }
    return topic;
  }

  /** A topic to subscribe to that the config must set. */
  String requiredSubscribeTopic(String key) throws InvalidConfigException {
    return present(key, subscribeTopic(key));
  }

  /** A topic to publish to that the config must set. */
  String requiredPublishTopic(String key) throws InvalidConfigException {
    return present(key, publishTopic(key));
  }

  private static String present(String key, String value) throws InvalidConfigException {
    if (value == null) {
      throw new InvalidConfigException("'" + key + "' is required");
    }
    return value;
  }

  /** A topic to publish to (no wildcards), or null when absent. */
  String publishTopic(String key) throws InvalidConfigException {
    String topic = subscribeTopic(key);
    if (topic != null && (topic.contains("+") || topic.contains("#"))) {
      throw new InvalidConfigException("'" + key + "' must not contain wildcards");
    }
    return topic;
  }

  static void validTopic(String key, String topic) throws InvalidConfigException {
    if (topic.isEmpty() || topic.length() > MAX_TOPIC_LENGTH || topic.indexOf('\0') >= 0) {
      throw new InvalidConfigException("'" + key + "' is not a valid MQTT topic");
    }
  }

  /**
   * A value template; {@link ValueTemplate#RAW} when absent. One beyond the supported subset (a
   * Jinja control block, say) does not reject the config: it becomes a template that reports
   * every payload as unreadable, so the entity exists and the problem shows in the log.
   */
  ValueTemplate template(String key) throws InvalidConfigException {
    String text = string(key, null);
    try {
      return ValueTemplate.compile(text);
    } catch (InvalidConfigException e) {
      return ValueTemplate.unsupported("'" + key + "': " + e.getMessage());
    }
  }

  /** A command template over {@code variables}, or null when absent. */
  CommandTemplate commandTemplate(String key, Set<String> variables) throws InvalidConfigException {
    String text = string(key, null);
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return CommandTemplate.compile(text, variables);
    } catch (InvalidConfigException e) {
      return CommandTemplate.unsupported("'" + key + "': " + e.getMessage());
    }
  }

  /** A number; numeric strings are accepted because some bridges send {@code "min_temp": "5"}. */
  double number(String key, double fallback) throws InvalidConfigException {
    JsonNode value = config.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    Double number = value.isNumber() ? Double.valueOf(value.doubleValue())
        : value.isTextual() ? Filter.parse(value.textValue()) : null;
    if (number == null || number.isNaN() || number.isInfinite()) {
      throw new InvalidConfigException("'" + key + "' must be a number");
    }
    return number;
  }

  int integer(String key, int fallback, int min, int max) throws InvalidConfigException {
    double number = number(key, fallback);
    if (number != Math.rint(number) || number < min || number > max) {
      throw new InvalidConfigException("'" + key + "' must be a whole number from " + min
          + " to " + max);
    }
    return (int) number;
  }

  boolean bool(String key, boolean fallback) throws InvalidConfigException {
    JsonNode value = config.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      throw new InvalidConfigException("'" + key + "' must be true or false");
    }
    return value.booleanValue();
  }

  /** A list of strings; a single string counts as a list of one. */
  List<String> strings(String key, List<String> fallback) throws InvalidConfigException {
    JsonNode value = config.get(key);
    if (value == null || value.isNull()) {
      return fallback;
    }
    List<String> result = new ArrayList<>();
    if (value.isValueNode()) {
      result.add(PythonText.of(value));
      return result;
    }
    if (!value.isArray()) {
      throw new InvalidConfigException("'" + key + "' must be a list");
    }
    for (JsonNode item : value) {
      if (!item.isValueNode() || item.isNull()) {
        throw new InvalidConfigException("'" + key + "' must be a list of strings");
      }
      result.add(PythonText.of(item));
    }
    return List.copyOf(result);
  }
}
