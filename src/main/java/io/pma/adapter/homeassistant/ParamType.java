package io.pma.adapter.homeassistant;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.adapter.ActionException;

/**
 * The value types of action parameters, checked before anything is sent so that a bad value is a
 * clear 422 from PMA rather than an opaque error from Home Assistant.
 */
enum ParamType {
  /** An integer 0..255 (brightness, colour channels). */
  BYTE("an integer from 0 to 255"),
  /** A number 0..100 (brightness_pct, position, percentage). */
  PERCENT("a number from 0 to 100"),
  /** A number 0..1 (volume_level). */
  FRACTION("a number from 0 to 1"),
  NUMBER("a number"),
  /** A number above zero (color_temp in mireds, color_temp_kelvin, transition seconds). */
  POSITIVE("a number greater than 0"),
  STRING("a non-empty string"),
  BOOLEAN("true or false"),
  /** [r, g, b], each 0..255. */
  RGB("a list of three integers from 0 to 255"),
  /** Two numbers, as hs_color and xy_color take. */
  PAIR("a list of two numbers");

  private final String expected;

  ParamType(String expected) {
    this.expected = expected;
  }

  /** Throws {@link ActionException} (INVALID_PARAMETERS) naming the parameter when invalid. */
  void check(String name, JsonNode value) {
    if (!accepts(value)) {
      throw ActionException.invalid("parameter '" + name + "' must be " + expected);
    }
  }

  private boolean accepts(JsonNode value) {
    switch (this) {
      case BYTE:
        return isByte(value);
      case PERCENT:
        return value.isNumber() && value.asDouble() >= 0 && value.asDouble() <= 100;
      case FRACTION:
        return value.isNumber() && value.asDouble() >= 0 && value.asDouble() <= 1;
      case NUMBER:
        return value.isNumber();
      case POSITIVE:
        return value.isNumber() && value.asDouble() > 0;
      case STRING:
        return value.isTextual() && !value.asText().isBlank();
      case BOOLEAN:
        return value.isBoolean();
      case RGB:
        return value.isArray() && value.size() == 3 && isByte(value.get(0))
            && isByte(value.get(1)) && isByte(value.get(2));
      case PAIR:
        return value.isArray() && value.size() == 2 && value.get(0).isNumber()
            && value.get(1).isNumber();
      default:
        throw new IllegalStateException("unhandled " + this);
    }
  }

  private static boolean isByte(JsonNode value) {
    return value.isIntegralNumber() && value.asLong() >= 0 && value.asLong() <= 255;
  }
}
