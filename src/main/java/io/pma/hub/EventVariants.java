package io.pma.hub;

import io.pma.bus.Published;
import io.pma.domain.Json;
import io.pma.domain.PmaEvent;
import io.pma.protocol.ServerMessages;
import java.util.ArrayList;

/**
 * The encodings of the one event being fanned out on a loop: its {@code data} is serialised at
 * most twice (with and without attributes), its context once, and each distinct (topic,
 * attributes) message once, whatever the number of subscribers. Confined to the shard's event
 * loop; reused per event.
 */
final class EventVariants {
  private record Variant(String topic, boolean withAttributes, Frame frame) {}

  private final FrameFactory frames;
  private final ArrayList<Variant> variants = new ArrayList<>(4);
  private Published published;
  private String timestamp;
  private byte[] context;
  private byte[] dataWith;
  private byte[] dataWithout;

  EventVariants(FrameFactory frames) {
    this.frames = frames;
  }

  void start(Published next) {
    this.published = next;
    this.timestamp = null;
    this.context = null;
    this.dataWith = null;
    this.dataWithout = null;
  }

  /** Whether the event has a distinct form without attributes. */
  boolean carriesAttributes() {
    return ServerMessages.carriesAttributes(published.event());
  }

  /** The shared frame for this topic and attribute choice (owned here until {@link #finish}). */
  Frame frame(String topic, boolean withAttributes) {
    for (int i = 0; i < variants.size(); i++) {
      Variant variant = variants.get(i);
      if (variant.withAttributes == withAttributes && variant.topic.equals(topic)) {
        return variant.frame;
      }
    }
    PmaEvent event = published.event();
    if (timestamp == null) {
      timestamp = Json.formatInstant(published.publishedAt());
      context = ServerMessages.context(published.context());
    }
    Frame frame = frames.text(ServerMessages.event(event.type(), timestamp, topic,
        published.seq(), context, data(event, withAttributes)));
    variants.add(new Variant(topic, withAttributes, frame));
    return frame;
  }

  /** Releases this event's frames (queues that kept one hold their own reference). */
  void finish() {
    for (int i = 0; i < variants.size(); i++) {
      variants.get(i).frame.release();
    }
    variants.clear();
    published = null;
  }

  private byte[] data(PmaEvent event, boolean withAttributes) {
    if (withAttributes) {
      if (dataWith == null) {
        dataWith = ServerMessages.eventData(event, true);
      }
      return dataWith;
    }
    if (dataWithout == null) {
      dataWithout = ServerMessages.eventData(event, false);
    }
    return dataWithout;
  }
}
