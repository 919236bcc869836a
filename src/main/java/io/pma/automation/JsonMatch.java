package io.pma.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Iterator;
import java.util.Map;

/** Whether event data contains what an event trigger asks for. */
final class JsonMatch {
  private JsonMatch() {}

  /**
   * True when every field of {@code expected} is in {@code actual} with an equal value; nested
   * objects match the same way (a subset), numbers compare by value (1 equals 1.0).
   */
  static boolean contains(ObjectNode expected, JsonNode actual) {
    if (!(actual instanceof ObjectNode object)) {
      return expected.isEmpty();
    }
    Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!same(field.getValue(), object.get(field.getKey()))) {
        return false;
      }
    }
    return true;
  }

  private static boolean same(JsonNode expected, JsonNode actual) {
    if (actual == null) {
      return false;
    }
    if (expected instanceof ObjectNode nested) {
      return contains(nested, actual);
    }
    if (expected.isNumber() && actual.isNumber()) {
      return expected.decimalValue().compareTo(actual.decimalValue()) == 0;
    }
    return expected.equals(actual);
  }
}
