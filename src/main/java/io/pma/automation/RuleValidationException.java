package io.pma.automation;

import java.util.List;
import java.util.stream.Collectors;

/** A rule document with invalid fields; every problem found is listed, in document order. */
public final class RuleValidationException extends RuntimeException {
  private final List<FieldError> errors;

  public RuleValidationException(List<FieldError> errors) {
    super(describe(errors), null, false, false);
    this.errors = List.copyOf(errors);
  }

  public List<FieldError> errors() {
    return errors;
  }

  private static String describe(List<FieldError> errors) {
    if (errors.size() == 1) {
      return errors.get(0).toString();
    }
    return errors.size() + " invalid fields: "
        + errors.stream().map(FieldError::toString).collect(Collectors.joining("; "));
  }
}
