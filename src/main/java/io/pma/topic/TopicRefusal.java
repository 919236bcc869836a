package io.pma.topic;

/**
 * Why a topic cannot be subscribed to: it does not parse ({@link #UNKNOWN_TOPIC},
 * {@link #INVALID_FILTER}, from {@link TopicPattern#parse}) or the caller may not see it
 * ({@link #AUTHENTICATION_REQUIRED}, {@link #FORBIDDEN}, from {@code auth/Permissions}). The
 * protocol maps each to its wire reason ({@code protocol/ErrorReason.of}).
 */
public enum TopicRefusal {
  UNKNOWN_TOPIC("unknown topic"),
  INVALID_FILTER("invalid filter"),
  AUTHENTICATION_REQUIRED("authentication required"),
  FORBIDDEN("forbidden");

  private final String description;

  TopicRefusal(String description) {
    this.description = description;
  }

  /** In words, for messages about configured or requested topics. */
  public String description() {
    return description;
  }
}
