package io.pma.protocol;

import io.pma.topic.TopicRefusal;

/**
 * The {@code error} texts of {@code invalid_message} and the per-topic {@code reason} texts of
 * {@code subscription_failure} (PROTOCOL.md sections 3 and 6), exactly as they appear on the wire.
 */
public enum ErrorReason {
  // invalid_message.error
  INVALID_JSON("invalid JSON"),
  NOT_AN_OBJECT("message must be a JSON object"),
  BINARY_FRAME("binary frames are not supported"),
  MISSING_TYPE("missing type"),
  UNKNOWN_TYPE("unknown type"),
  INVALID_DATA("invalid data"),
  RATE_LIMITED("rate limited"),
  // subscription_failure.topics[].reason
  UNKNOWN_TOPIC("unknown topic"),
  INVALID_FILTER("invalid filter"),
  AUTHENTICATION_REQUIRED("authentication required"),
  FORBIDDEN("forbidden"),
  TOO_MANY_SUBSCRIPTIONS("too many subscriptions");

  private final String wire;

  ErrorReason(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** The {@code subscription_failure} reason for a topic the hub refuses. */
  public static ErrorReason of(TopicRefusal refusal) {
    return switch (refusal) {
      case UNKNOWN_TOPIC -> UNKNOWN_TOPIC;
      case INVALID_FILTER -> INVALID_FILTER;
      case AUTHENTICATION_REQUIRED -> AUTHENTICATION_REQUIRED;
      case FORBIDDEN -> FORBIDDEN;
    };
  }
}
