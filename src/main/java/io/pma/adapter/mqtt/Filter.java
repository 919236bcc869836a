package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Locale;

/**
 * The template filters device configs commonly use, with Home Assistant's semantics: {@code float}
 * and {@code int} (with an optional default), {@code round(n)}, {@code lower}, {@code upper},
 * {@code trim}, {@code string}, {@code default(x)} / {@code d(x)} and {@code is_defined}.
 */
final class Filter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String name;
  private final List<JsonNode> args;

  private Filter(String name, List<JsonNode> args) {
    this.name = name;
    this.args = args;
  }

  static Filter of(String name, List<JsonNode> args) throws InvalidConfigException {
    if (args.size() > 1) {
      // round(n, 'floor'), int(0, 16)...: the full template engine handles those.
      throw new InvalidConfigException("template filter '" + name + "' with " + args.size()
          + " arguments is beyond the fast subset");
    }
    switch (name) {
      case "float": case "int": case "round": case "lower": case "upper": case "trim":
      case "string": case "default": case "d": case "is_defined":
        return new Filter(name, List.copyOf(args));
      default:
        throw new InvalidConfigException("unsupported template filter '" + name + "'");
    }
  }

  JsonNode apply(JsonNode value) throws MalformedPayloadException {
    switch (name) {
      case "float":
        return toDouble(value);
      case "int":
        return toInt(value);
      case "round":
        return round(value);
      case "lower":
        return defined(value) ? NODES.textNode(PythonText.of(value).toLowerCase(Locale.ROOT)) : value;
      case "upper":
        return defined(value) ? NODES.textNode(PythonText.of(value).toUpperCase(Locale.ROOT)) : value;
      case "trim":
        return defined(value) ? NODES.textNode(PythonText.of(value).strip()) : value;
      case "string":
        return defined(value) ? NODES.textNode(PythonText.of(value)) : value;
      case "is_defined":
        if (!defined(value)) {
          throw new MalformedPayloadException("the template's value is not in the payload");
        }
        return value;
      default: // default, d
        return defined(value) || args.isEmpty() ? value : args.get(0);
    }
  }

  private static boolean defined(JsonNode value) {
    return value != null && !value.isMissingNode();
  }

  private JsonNode toDouble(JsonNode value) throws MalformedPayloadException {
    Double number = number(value);
    if (number != null) {
      return NODES.numberNode(number);
    }
    return fallback("float", value);
  }

  private JsonNode toInt(JsonNode value) throws MalformedPayloadException {
    if (value != null && value.isIntegralNumber()) {
      return value;
    }
    Double number = number(value);
    if (number != null && !number.isNaN() && !number.isInfinite()) {
      return NODES.numberNode((long) number.doubleValue());
    }
    return fallback("int", value);
  }

  private JsonNode round(JsonNode value) throws MalformedPayloadException {
    Double number = number(value);
    if (number == null || number.isNaN() || number.isInfinite()) {
      return fallback("round", value);
    }
    int precision = args.isEmpty() ? 0 : args.get(0).asInt(0);
    BigDecimal rounded = BigDecimal.valueOf(number).setScale(precision, RoundingMode.HALF_EVEN);
    // Home Assistant's round returns an int for precision 0 and a float otherwise.
    return precision == 0 ? NODES.numberNode(rounded.longValue())
        : NODES.numberNode(rounded.doubleValue());
  }

  private JsonNode fallback(String filter, JsonNode value) throws MalformedPayloadException {
    if (!args.isEmpty()) {
      return args.get(0);
    }
    throw new MalformedPayloadException("cannot apply '" + filter + "' to "
        + (defined(value) ? "'" + PythonText.of(value) + "'" : "a value missing from the payload"));
  }

  /** The value as a number the way Python's float() reads it, or null. */
  private static Double number(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (value.isNumber()) {
      return value.doubleValue();
    }
    if (value.isBoolean()) {
      return value.booleanValue() ? 1.0 : 0.0;
    }
    if (value.isTextual()) {
      return parse(value.textValue());
    }
    return null;
  }

  static Double parse(String text) {
    String trimmed = text.strip();
    if (trimmed.isEmpty() || trimmed.endsWith("d") || trimmed.endsWith("D")
        || trimmed.endsWith("f") || trimmed.endsWith("F")) {
      return null;
    }
    try {
      return Double.parseDouble(trimmed);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
