package io.pma.automation;

import io.pma.domain.Context;
import io.pma.domain.Notification;
import io.vertx.core.Future;

/**
 * Delivers the notifications of {@code notify} actions. The composition root passes the
 * notification service's {@code deliver}, which publishes at once (within the step) and stores
 * afterwards.
 */
@FunctionalInterface
public interface Notifier {
  /**
   * Completes when the notification is out, published with the run's {@code context}; a failure
   * fails the {@code notify} step.
   */
  Future<?> send(Notification notification, Context context);
}
