package io.pma.adapter;

import io.pma.domain.Refusal;
import io.pma.domain.RefusedException;

/** Why an entity action could not be carried out. */
public final class ActionException extends RefusedException {
  public ActionException(Refusal kind, String message) {
    super(kind, message);
  }

  public static ActionException unsupported(String entityId, String action) {
    return new ActionException(Refusal.UNSUPPORTED,
        "action '" + action + "' is not supported by " + entityId);
  }

  public static ActionException invalid(String message) {
    return new ActionException(Refusal.INVALID_PARAMETERS, message);
  }
}
