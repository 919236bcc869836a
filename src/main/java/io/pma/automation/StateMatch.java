package io.pma.automation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;

/**
 * The accepted values of a {@code from}, {@code to} or {@code state} field: one string or a list.
 * Written back as it came in: a single value as a string, several as a list.
 */
public record StateMatch(List<String> values) {
  public StateMatch {
    values = List.copyOf(values);
  }

  public static StateMatch of(String... values) {
    return new StateMatch(List.of(values));
  }

  /** Whether {@code value} (a state or an attribute's text) is one of the accepted values. */
  public boolean matches(String value) {
    return value != null && values.contains(value);
  }

  @JsonValue
  Object json() {
    return values.size() == 1 ? values.get(0) : values;
  }
}
