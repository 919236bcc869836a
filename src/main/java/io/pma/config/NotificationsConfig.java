package io.pma.config;

/** How many notifications are kept in the database (the oldest beyond that are deleted). */
public record NotificationsConfig(int keep) {
  public NotificationsConfig {
    Checks.range("notifications.keep", keep, 1, 1_000_000);
  }
}
