package io.pma.domain;

/**
 * The error catalogue: every reason the core refuses a request, whatever part refuses it
 * (accounts, rules, entity actions). The core speaks only of these; the REST layer maps each to an
 * HTTP status in one place ({@code api/Problems}). The names cross the cluster (relayed action
 * answers), so they are never renamed.
 */
public enum Refusal {
  /** The request's content breaks a rule (a field out of range, a policy not met). */
  INVALID,
  /** The caller may not do this. */
  FORBIDDEN,
  /** What the request names does not exist. */
  NOT_FOUND,
  /** The request clashes with the current state (a taken name, the last admin). */
  CONFLICT,
  /** The entity does not support the action. */
  UNSUPPORTED,
  /** The action's parameters are wrong for the entity. */
  INVALID_PARAMETERS,
  /** The system that would carry it out is not reachable now. */
  UNAVAILABLE,
  /** The external system was reached and failed. */
  UPSTREAM_FAILED,
  /** No answer in time. */
  TIMEOUT
}
