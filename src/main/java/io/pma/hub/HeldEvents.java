package io.pma.hub;

import io.pma.bus.Published;
import java.util.ArrayList;
import java.util.List;

/**
 * Live events that reached a connection while its resume replay was being read: they wait here,
 * frames retained, and follow the replay (those the replay already covered are dropped). Confined
 * to the session's event loop.
 */
final class HeldEvents {
  /** One held delivery, as {@link Session#deliver} received it. */
  record Held(Frame frame, Published published, String topic, boolean withAttributes) {}

  private final List<Held> held = new ArrayList<>();
  private final int limit;

  HeldEvents(int limit) {
    this.limit = limit;
  }

  /** Keeps a delivery; false when the connection already holds its queue's worth. */
  boolean hold(Frame frame, Published published, String topic, boolean withAttributes) {
    if (held.size() >= limit) {
      return false;
    }
    held.add(new Held(frame.retain(), published, topic, withAttributes));
    return true;
  }

  /** Hands every held delivery over in arrival order, then releases the frames. */
  void drain(java.util.function.Consumer<Held> sink) {
    try {
      for (Held h : held) {
        sink.accept(h);
      }
    } finally {
      release();
    }
  }

  void release() {
    held.forEach(h -> h.frame().release());
    held.clear();
  }
}
