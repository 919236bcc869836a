package io.pma.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * How an entity's numbers add up, from its {@code state_class} attribute (as in Home Assistant):
 * {@code total} and {@code total_increasing} are counters whose increase and running sum are
 * kept; anything else is a measurement.
 */
enum CounterKind {
  MEASUREMENT, TOTAL, TOTAL_INCREASING;

  /** Below this fraction of the previous value, a {@code total_increasing} meter was reset. */
  static final double RESET_FRACTION = 0.9;

  static CounterKind of(ObjectNode attributes) {
    JsonNode stateClass = attributes == null ? null : attributes.get("state_class");
    if (stateClass == null || !stateClass.isTextual()) {
      return MEASUREMENT;
    }
    return switch (stateClass.asText()) {
      case "total" -> TOTAL;
      case "total_increasing" -> TOTAL_INCREASING;
      default -> MEASUREMENT;
    };
  }

  boolean counter() {
    return this != MEASUREMENT;
  }

  /**
   * The increase from {@code previous} to {@code next}. A {@code total_increasing} value below
   * 90 % of the previous one is a reset: counted from 0. A smaller drop is noise: no increase,
   * and {@link #reference} keeps the higher value so that the way back up is not counted twice.
   */
  double increase(double previous, double next) {
    if (this == TOTAL_INCREASING && next < previous) {
      return next < previous * RESET_FRACTION ? next : 0;
    }
    return next - previous;
  }

  /** The value the next increase is measured from. */
  double reference(double previous, double next) {
    if (this == TOTAL_INCREASING && next < previous && next >= previous * RESET_FRACTION) {
      return previous;
    }
    return next;
  }
}
