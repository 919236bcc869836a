package io.pma.automation;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.domain.Entity;

/** Reads what a trigger or condition looks at: the state or one attribute, as text or number. */
final class EntityValues {
  private EntityValues() {}

  /** The state, or the attribute's text (JSON text for lists and objects); null when absent. */
  static String text(Entity entity, String attribute) {
    if (entity == null) {
      return null;
    }
    if (attribute == null) {
      return entity.state();
    }
    JsonNode value = entity.attributes() == null ? null : entity.attributes().get(attribute);
    if (value == null || value.isNull()) {
      return null;
    }
    return value.isValueNode() ? value.asText() : value.toString();
  }

  /** The value as a number; null when absent or not numeric ({@code unavailable}, {@code on}). */
  static Double number(Entity entity, String attribute) {
    String text = text(entity, attribute);
    if (text == null) {
      return null;
    }
    try {
      double value = Double.parseDouble(text.trim());
      return Double.isFinite(value) ? value : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Whether {@code value} lies strictly above {@code above} and strictly below {@code below}. */
  static boolean inRange(Double value, Double above, Double below) {
    return value != null && (above == null || value > above) && (below == null || value < below);
  }
}
