package io.pma.topic;

import java.util.Locale;

/**
 * Why a topic cannot be subscribed to: it does not parse ({@link #UNKNOWN_TOPIC},
 * {@link #INVALID_FILTER}, from {@link TopicPattern#parse}) or the caller may not see it
 * ({@link #AUTHENTICATION_REQUIRED}, {@link #FORBIDDEN}, from {@code auth/Permissions}). The
 * protocol maps each to its wire reason ({@code protocol/ErrorReason.of}).
 */
public enum TopicRefusal {
  UNKNOWN_TOPIC,
  INVALID_FILTER,
  AUTHENTICATION_REQUIRED,
  FORBIDDEN;

  /** In words ("unknown topic"), for messages about configured or requested topics. */
  public String description() {
    return name().toLowerCase(Locale.ROOT).replace('_', ' ');
  }
}
