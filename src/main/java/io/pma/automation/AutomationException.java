package io.pma.automation;

import io.pma.domain.Refusal;
import io.pma.domain.RefusedException;

/** A request about rules that cannot be met: unknown rule, or an id that is taken. */
public final class AutomationException extends RefusedException {
  public AutomationException(Refusal kind, String message) {
    super(kind, message);
  }

  static AutomationException notFound(String id) {
    return new AutomationException(Refusal.NOT_FOUND, "no automation '" + id + "'");
  }
}
