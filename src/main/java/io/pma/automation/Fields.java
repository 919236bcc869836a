package io.pma.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.EntityId;
import io.pma.domain.Json;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Reads the fields of one JSON object of a rule document. Every problem is added to the shared
 * error list under the field's full path and the reader returns null, so that parsing goes on and
 * reports all problems at once.
 */
final class Fields {
  private static final Pattern TIME_OF_DAY =
      Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d(:[0-5]\\d)?");
  private static final Pattern ENTITY_GLOB = Pattern.compile("[a-z0-9_*]+(\\.[a-z0-9_*]+)?");
  static final int MAX_TEXT = 255;
  static final int MAX_LIST = 100;

  private final ObjectNode node;
  private final String path;
  private final List<FieldError> errors;

  private Fields(ObjectNode node, String path, List<FieldError> errors) {
    this.node = node;
    this.path = path;
    this.errors = errors;
  }

  /** A reader for {@code value} at {@code path}, or null (with an error) when it is no object. */
  static Fields of(JsonNode value, String path, List<FieldError> errors) {
    if (!(value instanceof ObjectNode object)) {
      errors.add(new FieldError(path.isEmpty() ? "body" : path, "must be an object"));
      return null;
    }
    return new Fields(object, path, errors);
  }

  /** The path of a field of this object. */
  String at(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  void error(String field, String reason) {
    errors.add(new FieldError(at(field), reason));
  }

  List<FieldError> errors() {
    return errors;
  }

  boolean has(String field) {
    JsonNode value = node.get(field);
    return value != null && !value.isNull();
  }

  /** Reports every field not in {@code allowed} (typos must not be silently ignored). */
  void onlyAllowed(Set<String> allowed) {
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        error(name, "is not a known field (expected one of " + String.join(", ",
            new TreeSet<>(allowed)) + ")");
      }
    }
  }

  String text(String field, boolean required, int maxLength) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      error(field, "must be a string");
      return null;
    }
    String text = value.asText();
    if (required && text.isBlank()) {
      error(field, "must not be empty");
      return null;
    }
    if (text.length() > maxLength) {
      error(field, "must be at most " + maxLength + " characters");
      return null;
    }
    return text;
  }

  /** A required string matching {@code pattern}; {@code what} describes the expected form. */
  String matching(String field, boolean required, Pattern pattern, String what) {
    String text = text(field, required, MAX_TEXT);
    if (text != null && !pattern.matcher(text).matches()) {
      error(field, "must be " + what);
      return null;
    }
    return text;
  }

  EntityId entityId(String field) {
    String text = text(field, true, MAX_TEXT);
    if (text == null) {
      return null;
    }
    try {
      return EntityId.parse(text);
    } catch (IllegalArgumentException e) {
      error(field, "must be an entity id such as light.kitchen");
      return null;
    }
  }

  String entityGlob(String field) {
    return matching(field, true, ENTITY_GLOB,
        "an entity id or glob such as light.kitchen or binary_sensor.*");
  }

  boolean bool(String field, boolean fallback) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return fallback;
    }
    if (!value.isBoolean()) {
      error(field, "must be true or false");
      return fallback;
    }
    return value.asBoolean();
  }

  Double number(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isNumber() || !Double.isFinite(value.asDouble())) {
      error(field, "must be a number");
      return null;
    }
    return value.asDouble();
  }

  Integer integer(String field, int min, int max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || value.asLong() < min || value.asLong() > max) {
      error(field, "must be a whole number from " + min + " to " + max);
      return null;
    }
    return value.asInt();
  }

  /** A duration (see {@link DurationText}) within {@code [min, max]}. */
  Duration duration(String field, boolean required, Duration min, Duration max) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    Duration duration;
    try {
      if (value.isNumber()) {
        duration = DurationText.ofSeconds(value.asDouble());
      } else if (value.isTextual()) {
        duration = DurationText.parse(value.asText());
      } else {
        error(field, "must be a duration such as \"2s\" or a number of seconds");
        return null;
      }
    } catch (IllegalArgumentException e) {
      error(field, e.getMessage());
      return null;
    }
    if (duration.compareTo(min) < 0 || duration.compareTo(max) > 0) {
      error(field, "must be from " + DurationText.format(min) + " to "
          + DurationText.format(max));
      return null;
    }
    return duration;
  }

  LocalTime timeOfDay(String field, boolean required) {
    String text = text(field, required, 8);
    if (text == null) {
      return null;
    }
    if (!TIME_OF_DAY.matcher(text).matches()) {
      error(field, "must be a time of day HH:MM or HH:MM:SS");
      return null;
    }
    try {
      return LocalTime.parse(text);
    } catch (DateTimeParseException e) {
      error(field, "must be a time of day HH:MM or HH:MM:SS");
      return null;
    }
  }

  /** A string or a non-empty list of strings; numbers and booleans are taken as their text. */
  StateMatch states(String field, boolean required) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        error(field, "is required");
      }
      return null;
    }
    List<String> values = new ArrayList<>();
    if (value.isValueNode()) {
      values.add(value.asText());
    } else if (value.isArray() && value.size() > 0 && value.size() <= MAX_LIST) {
      for (JsonNode item : value) {
        if (!item.isValueNode() || item.isNull()) {
          error(field, "must be a string or a list of strings");
          return null;
        }
        values.add(item.asText());
      }
    } else {
      error(field, "must be a string or a non-empty list of strings");
      return null;
    }
    return new StateMatch(values);
  }

  /** An optional object; an empty object when absent. */
  ObjectNode object(String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Json.object();
    }
    if (!(value instanceof ObjectNode object)) {
      error(field, "must be an object");
      return null;
    }
    return object.deepCopy();
  }

  /** A list with {@code min} to {@link #MAX_LIST} items; an empty list when absent and allowed. */
  List<JsonNode> list(String field, int min) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      if (min > 0) {
        error(field, "is required");
      }
      return min > 0 ? null : List.of();
    }
    if (!value.isArray()) {
      error(field, "must be a list");
      return null;
    }
    if (value.size() < min || value.size() > MAX_LIST) {
      error(field, min > 0 ? "must have 1 to " + MAX_LIST + " items"
          : "must have at most " + MAX_LIST + " items");
      return null;
    }
    List<JsonNode> items = new ArrayList<>();
    value.forEach(items::add);
    return items;
  }

  /** The {@code type} of a trigger, condition or action; null (with an error) when not known. */
  String type(List<String> known) {
    String type = text("type", true, 64);
    if (type != null && !known.contains(type)) {
      error("type", "must be one of " + String.join(", ", known));
      return null;
    }
    return type;
  }
}
