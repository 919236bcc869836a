package io.pma.topic;

/** A topic that cannot be subscribed to; the message is the protocol's reason. */
public final class InvalidTopicException extends RuntimeException {
  public static final String UNKNOWN_TOPIC = "unknown topic";
  public static final String INVALID_FILTER = "invalid filter";

  public InvalidTopicException(String reason) {
    super(reason, null, false, false);
  }

  public String reason() {
    return getMessage();
  }
}
