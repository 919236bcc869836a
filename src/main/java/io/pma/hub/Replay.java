package io.pma.hub;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.bus.Published;
import io.pma.domain.Json;
import io.pma.domain.PmaEvent;
import io.pma.protocol.ServerMessages;
import java.time.Clock;
import java.util.List;

/**
 * One resume's replay on one connection, paced by the connection: events are written only while
 * they go straight out (nothing queued, socket buffer below its high-water mark); otherwise the
 * replay waits for the connection to drain and goes on from there, so a long replay is neither
 * coalesced nor a reason to close the connection as a slow consumer. When it is done it answers
 * {@code resume_success} and lets the held live events follow. Confined to the session's loop.
 */
final class Replay {
  private final Session session;
  private final List<Published> events;
  private final long lastSeq;
  private final long coveredUpTo;
  private final JsonNode requestId;
  private final Clock clock;
  private int next;
  private int replayed;

  Replay(Session session, List<Published> events, long lastSeq, long coveredUpTo,
      JsonNode requestId, Clock clock) {
    this.session = session;
    this.events = events;
    this.lastSeq = lastSeq;
    this.coveredUpTo = coveredUpTo;
    this.requestId = requestId;
    this.clock = clock;
  }

  /** Sends as much as the connection takes now; called again when it drained. */
  void run() {
    while (next < events.size()) {
      if (!session.readyForMore()) {
        if (!session.isClosed()) {
          session.resume().whenWritable(this::run);
        }
        return;
      }
      if (replay(events.get(next++))) {
        replayed++;
      }
    }
    session.send(ServerMessages.resumeSuccess(lastSeq + 1, coveredUpTo, replayed,
        clock.instant(), requestId));
    session.releaseHeld(coveredUpTo);
  }

  /** Sends one historic event if the connection's subscriptions match it; true when sent. */
  private boolean replay(Published published) {
    if (session.resume().alreadyDelivered(published.seq())
        || session.fences().covers(published)) {
      return false;
    }
    PmaEvent event = published.event();
    Subscription first = null;
    boolean withAttributes = false;
    for (Subscription subscription : session.subscriptions()) {
      if (subscription.pattern.matches(event.family(), event.key())
          && subscription.accepts(event)) {
        first = first == null ? subscription : first;
        withAttributes |= subscription.includeAttributes;
      }
    }
    if (first == null) {
      return false;
    }
    Frame frame = session.shard().frames().text(ServerMessages.event(event.type(),
        Json.formatInstant(published.publishedAt()), first.topic, published.seq(),
        ServerMessages.context(published.context()),
        ServerMessages.eventData(event, withAttributes)));
    try {
      session.emit(frame, published, first.topic, withAttributes);
    } finally {
      frame.release();
    }
    return true;
  }
}
