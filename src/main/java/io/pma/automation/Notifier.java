package io.pma.automation;

import io.pma.domain.Notification;
import io.vertx.core.Future;

/**
 * Delivers the notifications of {@code notify} actions. The composition root passes the
 * notification service when there is one, else publishing on the broker.
 */
@FunctionalInterface
public interface Notifier {
  /** Completes when the notification is out; a failure fails the {@code notify} step. */
  Future<?> send(Notification notification);
}
