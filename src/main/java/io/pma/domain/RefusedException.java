package io.pma.domain;

/**
 * A request the core refuses, with its {@link Refusal} and a message meant for the caller; optionally
 * the request field at fault. Expected, so it carries no stack trace. Subclasses only name the area
 * ({@code ActionException}, {@code AccountException}, {@code AutomationException}) so callers can
 * catch one area's refusals.
 */
public class RefusedException extends RuntimeException {
  private final Refusal refusal;
  private final String field;

  public RefusedException(Refusal refusal, String message) {
    this(refusal, null, message);
  }

  /** A refusal about one request field ({@code field}, may be null). */
  public RefusedException(Refusal refusal, String field, String message) {
    super(message, null, false, false);
    this.refusal = refusal;
    this.field = field;
  }

  public Refusal kind() {
    return refusal;
  }

  /** The request field at fault, or null. */
  public String field() {
    return field;
  }
}
