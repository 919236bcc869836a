package io.pma.system;

import io.pma.domain.AdapterState;
import io.pma.domain.AdapterStatus;
import io.pma.domain.Notification;
import io.pma.notify.NotificationDraft;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides which adapter transitions people should hear about: a connected adapter that drops
 * (disconnected or error) is a warning, and its later return an info. Connecting attempts and an
 * adapter that never connected say nothing. Not thread-safe: fed in order on one context.
 */
final class AdapterLossNotifier {
  static final String SOURCE = "system";

  private final Map<String, AdapterState> last = new HashMap<>();
  private final Set<String> lost = new HashSet<>();

  Optional<NotificationDraft> onStatus(AdapterStatus status) {
    AdapterState previous = last.put(status.adapterId(), status.status());
    AdapterState now = status.status();
    String name = status.name() == null ? status.adapterId() : status.name();
    if (previous == AdapterState.CONNECTED
        && (now == AdapterState.DISCONNECTED || now == AdapterState.ERROR)) {
      lost.add(status.adapterId());
      String why = status.lastError() == null ? "" : ": " + status.lastError();
      return Optional.of(new NotificationDraft("Adapter lost: " + name,
          name + " (" + status.adapterId() + ") is " + now.wireName() + why, "warning", SOURCE,
          Notification.ADMINS));
    }
    if (now == AdapterState.CONNECTED && lost.remove(status.adapterId())) {
      return Optional.of(new NotificationDraft("Adapter back: " + name,
          name + " (" + status.adapterId() + ") is connected again", "info", SOURCE,
          Notification.ADMINS));
    }
    return Optional.empty();
  }
}
