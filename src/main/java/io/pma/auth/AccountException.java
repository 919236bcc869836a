package io.pma.auth;

import io.pma.domain.Refusal;
import io.pma.domain.RefusedException;

/** A request on accounts or tokens that the rules refuse. */
public final class AccountException extends RefusedException {
  public AccountException(Refusal kind, String message) {
    super(kind, message);
  }

  /** A refusal about one request field ({@code field}), answered with {@code invalid_params}. */
  public AccountException(Refusal kind, String field, String message) {
    super(kind, field, message);
  }
}
