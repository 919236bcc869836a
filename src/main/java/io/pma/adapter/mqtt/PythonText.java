package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Turns JSON values into the text Home Assistant's templates produce for them (Python's
 * {@code str}): {@code true} is "True", {@code null} is "None", 21.0 is "21.0". Matching that text
 * matters because configs compare it with {@code payload_on}, {@code state_locked} and the like.
 */
final class PythonText {
  private PythonText() {}

  static String of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return "None";
    }
    if (node.isTextual()) {
      return node.textValue();
    }
    if (node.isBoolean()) {
      return node.booleanValue() ? "True" : "False";
    }
    if (node.isIntegralNumber()) {
      return node.bigIntegerValue().toString();
    }
    if (node.isNumber()) {
      return ofDouble(node.doubleValue());
    }
    return node.toString();
  }

  /** Python's {@code str(float)} for the usual range: 21.0 → "21.0", 0.5 → "0.5". */
  static String ofDouble(double value) {
    if (Double.isNaN(value)) {
      return "nan";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "inf" : "-inf";
    }
    double magnitude = Math.abs(value);
    if (magnitude != 0 && (magnitude >= 1e16 || magnitude < 1e-4)) {
      return Double.toString(value).replace("E", "e");
    }
    String plain = BigDecimal.valueOf(value).toPlainString();
    return plain.contains(".") ? plain : plain + ".0";
  }

  /** Numbers as people write them in payloads: 21 → "21", 21.5 → "21.5". */
  static String ofNumber(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return ofDouble(value);
  }
}
