package io.pma.store;

import java.time.Instant;

/** When one user read a notification, and dismissed it (null: not dismissed). */
public record NotificationMark(Instant readAt, Instant dismissedAt) {
  public boolean dismissed() {
    return dismissedAt != null;
  }
}
