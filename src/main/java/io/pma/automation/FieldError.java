package io.pma.automation;

/** One invalid field of a rule: its JSON path ({@code triggers[0].to}) and what is wrong. */
public record FieldError(String name, String reason) {
  @Override
  public String toString() {
    return name + " " + reason;
  }
}
