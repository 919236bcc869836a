package io.pma.store;

import io.pma.domain.Notification;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** The recent notifications. Blocking calls: use from worker threads, never from an event loop. */
public interface NotificationStore {
  /** Stores one and deletes the oldest beyond the newest {@code keep}. */
  void insert(Notification notification, int keep);

  /** The newest first, at most {@code limit}, of every notification. */
  List<Notification> recent(int limit);

  /** The newest first, at most {@code limit}, of the broadcasts and those for {@code userId}. */
  List<Notification> recentFor(String userId, int limit);

  /** What {@code userId} has read or dismissed, by notification id. */
  Map<String, NotificationMark> marksOf(String userId);

  /**
   * Marks notifications read (and dismissed when {@code dismiss}) for one user, in one
   * transaction; earlier marks keep their time. The caller has checked that the user may see them.
   */
  void mark(String userId, List<String> notificationIds, boolean dismiss, Instant at);
}
