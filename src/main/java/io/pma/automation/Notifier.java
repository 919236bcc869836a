package io.pma.automation;

import io.pma.domain.Notification;

/**
 * Delivers the notifications of {@code notify} actions. The composition root passes the
 * notification service when there is one, else publishing on the broker.
 */
@FunctionalInterface
public interface Notifier {
  void send(Notification notification);
}
