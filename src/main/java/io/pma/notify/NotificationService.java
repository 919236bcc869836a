package io.pma.notify;

import io.pma.auth.Principal;
import io.pma.bus.Broker;
import io.pma.domain.Context;
import io.pma.domain.Notification;
import io.pma.store.NotificationMark;
import io.pma.store.NotificationStore;
import io.pma.store.UserStore;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way to send a notification: checks it, keeps the newest {@code keep} in the store and
 * publishes it. {@link #send} stores first, so what clients receive is already in the history;
 * {@link #deliver} (automations) publishes first, within the sender's step. Thread-safe; store
 * calls run on worker threads.
 */
public final class NotificationService {
  private static final Logger LOG = LoggerFactory.getLogger(NotificationService.class);
  public static final int MAX_TITLE = 200;
  public static final int MAX_MESSAGE = 2000;

  private final Vertx vertx;
  private final NotificationStore store;
  private final UserStore users;
  private final Broker broker;
  private final int keep;
  private final Clock clock;

  public NotificationService(Vertx vertx, NotificationStore store, UserStore users, Broker broker,
      int keep, Clock clock) {
    this.vertx = vertx;
    this.store = store;
    this.users = users;
    this.broker = broker;
    this.keep = keep;
    this.clock = clock;
  }

  /**
   * Stores and publishes; fails with {@link InvalidNotificationException} for a bad draft (also
   * when {@code user_id} names no user) and with the store's exception when it cannot be stored.
   * Published with {@code context}, the context of its cause.
   */
  public Future<Notification> send(NotificationDraft draft, Context context) {
    try {
      check(draft);
    } catch (InvalidNotificationException e) {
      return Future.failedFuture(e);
    }
    return persistAndPublish(new Notification(UUID.randomUUID().toString(), draft.title(),
        draft.message(), draft.level(), draft.source(), draft.userId(),
        clock.instant().truncatedTo(ChronoUnit.MILLIS)), context);
  }

  /**
   * Sends a notification its sender built (an automation's {@code notify} action names it in its
   * run log). Published at once on the caller's thread, so that it belongs to the sender's step
   * as any other event it publishes, and done then; it is stored on a worker thread afterwards (a
   * failure to store is logged). Fails only for an invalid notification; its {@code user_id} is
   * taken as given. Published with {@code context}, the sender's (its run's).
   */
  public Future<Notification> deliver(Notification notification, Context context) {
    try {
      check(new NotificationDraft(notification.title(), notification.message(),
          notification.level(), notification.source(), notification.userId()));
    } catch (InvalidNotificationException e) {
      LOG.warn("notification '{}' from {} not sent: {}", notification.title(),
          notification.source(), e.getMessage());
      return Future.failedFuture(e);
    }
    broker.publish(notification, context);
    inSendersOrder(() -> {
      store.insert(notification, keep);
      return notification;
    }).onFailure(e -> LOG.warn("notification '{}' from {} not stored: {}",
        notification.title(), notification.source(), e.getMessage()));
    return Future.succeededFuture(notification);
  }

  private Future<Notification> persistAndPublish(Notification notification, Context context) {
    return inSendersOrder(() -> {
      if (notification.userId() != null && !notification.forAdmins()
          && users.findById(notification.userId()).isEmpty()) {
        throw new InvalidNotificationException("user_id", "names no user");
      }
      store.insert(notification, keep);
      broker.publish(notification, context);
      return notification;
    });
  }

  /**
   * Runs store work on a worker thread, ordered with everything else the calling context runs
   * blocking: one sender's notifications (an alert and its resolution; an automation's run
   * records) are stored and published in the order it sent them.
   */
  private <T> Future<T> inSendersOrder(Callable<T> work) {
    return vertx.executeBlocking(work, true);
  }

  /** One notification as one user sees it: with their read/dismissed mark (null: unread). */
  public record InboxEntry(Notification notification, NotificationMark mark) {}

  /** The notifications {@code principal} may see, newest first, with their own marks. */
  public Future<List<InboxEntry>> inbox(Principal principal, int limit) {
    int bounded = Math.max(1, Math.min(limit, keep));
    return vertx.executeBlocking(() -> {
      List<Notification> visible = visibleTo(principal, bounded);
      Map<String, NotificationMark> marks = store.marksOf(principal.userId());
      return visible.stream().map(n -> new InboxEntry(n, marks.get(n.id()))).toList();
    }, false);
  }

  /**
   * Marks notifications read (or dismissed) for {@code principal}: the one with {@code id}, or all
   * it may see when {@code id} is null. Returns how many were visible to mark (0: no such one).
   */
  public Future<Integer> mark(Principal principal, String id, boolean dismiss) {
    return vertx.executeBlocking(() -> {
      List<String> marked = visibleTo(principal, keep).stream().map(Notification::id)
          .filter(n -> id == null || n.equals(id)).toList();
      if (!marked.isEmpty()) {
        store.mark(principal.userId(), marked, dismiss,
            clock.instant().truncatedTo(ChronoUnit.MILLIS));
      }
      return marked.size();
    }, false);
  }

  /**
   * The newest first (blocking): everything for an admin, else the broadcasts and the caller's
   * own. An admin's token limited to topics (a kiosk) sees what a user would.
   */
  private List<Notification> visibleTo(Principal principal, int limit) {
    return principal.isAdmin() && !principal.scoped() ? store.recent(limit)
        : store.recentFor(principal.userId(), limit);
  }

  public int keep() {
    return keep;
  }

  private static void check(NotificationDraft draft) {
    text("title", draft.title(), MAX_TITLE);
    text("message", draft.message(), MAX_MESSAGE);
    if (draft.level() == null || !Notification.LEVELS.contains(draft.level())) {
      throw new InvalidNotificationException("level",
          "must be one of " + String.join(", ", Notification.LEVELS));
    }
    if (draft.source() == null || draft.source().isBlank()) {
      throw new InvalidNotificationException("source", "is required");
    }
    if (draft.userId() != null && draft.userId().isBlank()) {
      throw new InvalidNotificationException("user_id", "must not be blank");
    }
  }

  private static void text(String field, String value, int max) {
    if (value == null) {
      throw new InvalidNotificationException(field, "is required");
    }
    if (value.length() > max) {
      throw new InvalidNotificationException(field, "is longer than " + max + " characters");
    }
  }
}
