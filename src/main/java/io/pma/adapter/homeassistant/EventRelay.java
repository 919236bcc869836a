package io.pma.adapter.homeassistant;

import io.pma.topic.Glob;
import java.util.ArrayList;
import java.util.List;

/**
 * Which HA event types are subscribed and which are relayed as {@code ha_event}. The configured
 * {@code event_types} (exact types or globs, default {@code *}) choose what is relayed;
 * {@code state_changed} is always subscribed because the registry mirror needs it. Immutable.
 */
final class EventRelay {
  static final String STATE_CHANGED = "state_changed";
  private final List<String> patterns;

  EventRelay(List<String> patterns) {
    this.patterns = List.copyOf(patterns);
  }

  /**
   * The {@code event_type} of each {@code subscribe_events} command to send; a single null entry
   * means one subscription to every type (needed as soon as a glob is configured).
   */
  List<String> subscriptions() {
    List<String> types = new ArrayList<>();
    types.add(STATE_CHANGED);
    for (String pattern : patterns) {
      if (pattern.contains("*")) {
        types.clear();
        types.add(null);
        return types;
      }
      if (!types.contains(pattern)) {
        types.add(pattern);
      }
    }
    return types;
  }

  boolean relays(String eventType) {
    for (String pattern : patterns) {
      if (Glob.matches(pattern, eventType)) {
        return true;
      }
    }
    return false;
  }
}
