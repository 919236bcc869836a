package io.pma.topic;

/** A topic that cannot be parsed: {@link TopicRefusal#UNKNOWN_TOPIC} or {@link TopicRefusal#INVALID_FILTER}. */
public final class InvalidTopicException extends RuntimeException {
  private final TopicRefusal refusal;

  public InvalidTopicException(TopicRefusal refusal) {
    super(refusal.description(), null, false, false);
    this.refusal = refusal;
  }

  public TopicRefusal refusal() {
    return refusal;
  }

  /** The refusal in words ("unknown topic"). */
  public String reason() {
    return getMessage();
  }
}
