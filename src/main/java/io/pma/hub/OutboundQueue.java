package io.pma.hub;

import io.pma.domain.Context;
import io.pma.domain.EntityId;
import io.pma.domain.EntityStateChanged;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * What one connection could not take yet (its channel is over the high-water mark), oldest first.
 * Past the soft limit a new state change of an entity that already has one pending replaces it:
 * the merged change keeps the first pending {@code old_state} and takes everything else (its
 * context too) from the newest, and it moves to the tail so {@code seq} keeps increasing on the wire. Confined to the
 * session's event loop.
 */
final class OutboundQueue {
  /** One message waiting; {@code frame} is null for a merged change that is encoded when sent. */
  static final class Pending {
    Frame frame;
    /** The entity an entity event is about, else null. */
    final EntityId entity;
    final EntityStateChanged change;
    final String topic;
    final long seq;
    /** When the event was published: formatted only if a merged message must be encoded. */
    final Instant publishedAt;
    /** The event's context: encoded only if a merged message must be encoded. */
    final Context context;
    final boolean withAttributes;
    boolean live = true;

    Pending(Frame frame, EntityId entity, EntityStateChanged change, String topic, long seq,
        Instant publishedAt, Context context, boolean withAttributes) {
      this.frame = frame;
      this.entity = entity;
      this.change = change;
      this.topic = topic;
      this.seq = seq;
      this.publishedAt = publishedAt;
      this.context = context;
      this.withAttributes = withAttributes;
    }
  }

  enum Outcome { QUEUED, COALESCED, OVERFLOW }

  private static final int DEAD_ENTRY_SLACK = 64;

  private final ArrayDeque<Pending> entries = new ArrayDeque<>();
  private final Map<EntityId, Pending> pendingChange = new HashMap<>();
  private final int softLimit;
  private final int hardLimit;
  /** The process-wide count of queued messages, kept in step with {@link #live}. */
  private final LongAdder depth;
  private int live;

  OutboundQueue(int softLimit, int hardLimit, LongAdder depth) {
    this.softLimit = softLimit;
    this.hardLimit = hardLimit;
    this.depth = depth;
  }

  /** Queues a reply or notice (no event behind it: never coalesced); retains {@code frame}. */
  Outcome addReply(Frame frame) {
    return add(frame, null, null, null, 0, null, null, true);
  }

  /** Queues an event's message; retains {@code frame} when it is kept. */
  Outcome add(Frame frame, EntityId entity, EntityStateChanged change, String topic, long seq,
      Instant publishedAt, Context context, boolean withAttributes) {
    if (change != null && live >= softLimit) {
      Pending earlier = pendingChange.get(change.entityId());
      if (earlier != null) {
        coalesce(earlier, change, topic, seq, publishedAt, context, withAttributes);
        return Outcome.COALESCED;
      }
    }
    if (live >= hardLimit) {
      return Outcome.OVERFLOW;
    }
    append(new Pending(frame.retain(), entity, change, topic, seq, publishedAt, context,
        withAttributes));
    return Outcome.QUEUED;
  }

  private void coalesce(Pending earlier, EntityStateChanged latest, String topic, long seq,
      Instant publishedAt, Context context, boolean withAttributes) {
    earlier.live = false;
    live--;
    depth.decrement();
    release(earlier);
    // Labels a coalesced-away change carried stay in force unless the latest one carries newer ones.
    EntityStateChanged labels = latest.carriesLabels() ? latest : earlier.change;
    EntityStateChanged merged = new EntityStateChanged(latest.entityId(),
        earlier.change.oldState(), latest.newState(), latest.attributes(), latest.source(),
        latest.lastChanged(), latest.lastUpdated(), labels.name(), labels.area(), labels.icon(),
        labels.hidden());
    append(new Pending(null, merged.entityId(), merged, topic, seq, publishedAt, context,
        withAttributes));
    dropDeadEntries();
  }

  /**
   * A coalesced-away entry stays in the deque until a poll passes it, so a connection that keeps
   * coalescing without draining would grow the deque without bound (live messages stay bounded,
   * the dead ones did not). Once the dead outnumber the live (plus slack) they are swept out in
   * one pass: amortised O(1) per coalesce, and the deque stays under twice the live count.
   */
  private void dropDeadEntries() {
    if (entries.size() - live > live + DEAD_ENTRY_SLACK) {
      entries.removeIf(pending -> !pending.live);
    }
  }

  private void append(Pending pending) {
    entries.addLast(pending);
    live++;
    depth.increment();
    if (pending.change != null) {
      pendingChange.put(pending.change.entityId(), pending);
    } else if (pending.entity != null) {
      // An addition or removal of the entity ends what can merge into its earlier changes.
      pendingChange.remove(pending.entity);
    }
  }

  /** The oldest live message, removed from the queue (its frame now owned by the caller). */
  Pending poll() {
    Pending head;
    while ((head = entries.pollFirst()) != null) {
      if (head.live) {
        live--;
        depth.decrement();
        if (head.change != null && pendingChange.get(head.change.entityId()) == head) {
          pendingChange.remove(head.change.entityId());
        }
        return head;
      }
    }
    return null;
  }

  /** Entries the deque holds, coalesced-away ones included (bounded by twice the live ones). */
  int held() {
    return entries.size();
  }

  boolean isEmpty() {
    return live == 0;
  }

  int size() {
    return live;
  }

  /** Drops everything (the connection is gone); returns how many messages were discarded. */
  int clear() {
    int dropped = live;
    for (Pending pending : entries) {
      release(pending);
    }
    entries.clear();
    pendingChange.clear();
    live = 0;
    depth.add(-dropped);
    return dropped;
  }

  private static void release(Pending pending) {
    if (pending.frame != null) {
      pending.frame.release();
      pending.frame = null;
    }
  }
}
