package io.pma.store;

import io.pma.domain.Notification;
import java.util.List;

/** The recent notifications. Blocking calls: use from worker threads, never from an event loop. */
public interface NotificationStore {
  /** Stores one and deletes the oldest beyond the newest {@code keep}. */
  void insert(Notification notification, int keep);

  /** The newest first, at most {@code limit}, of every notification. */
  List<Notification> recent(int limit);

  /** The newest first, at most {@code limit}, of the broadcasts and those for {@code userId}. */
  List<Notification> recentFor(String userId, int limit);
}
