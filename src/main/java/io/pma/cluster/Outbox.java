package io.pma.cluster;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Events this node published that are not in the stream yet, in publish order, bounded: while
 * Redis is unreachable they wait here and go out in order when it returns; past the bound the
 * oldest waiting ones are dropped (and counted). Also counts, per entity, this node's entity events
 * not yet seen back in the stream: a change another node made to such an entity is superseded by
 * ours, which comes later in stream order. Thread-safe: {@link #add} runs on publishers' threads,
 * the rest on the broker's context.
 */
final class Outbox {
  private static final Logger LOG = LoggerFactory.getLogger(Outbox.class);

  /**
   * An encoded event waiting to be appended; {@code entityKey} null for non-entity events,
   * {@code adapterId} empty unless the event is an adapter status (kept cluster-wide).
   */
  record Outgoing(String kind, String at, String context, String event, String entity,
      String entityKey, String adapterId) {}

  private final ArrayDeque<Outgoing> waiting = new ArrayDeque<>();
  private final ConcurrentHashMap<String, Integer> unsequencedByEntity = new ConcurrentHashMap<>();
  private final int capacity;
  private long dropped;

  Outbox(int capacity) {
    this.capacity = capacity;
  }

  synchronized void add(Outgoing outgoing) {
    if (outgoing.entityKey() != null) {
      unsequencedByEntity.merge(outgoing.entityKey(), 1, Integer::sum);
    }
    waiting.addLast(outgoing);
    if (waiting.size() > capacity) {
      Outgoing oldest = waiting.pollFirst();
      forget(oldest.entityKey());
      if (dropped++ % 1000 == 0) {
        LOG.error("event outbox full ({} waiting for Redis): dropping the oldest; {} dropped so far",
            capacity, dropped);
      }
    }
  }

  /** Removes and returns up to {@code max} waiting events, oldest first. */
  synchronized List<Outgoing> take(int max) {
    List<Outgoing> batch = new ArrayList<>(Math.min(max, waiting.size()));
    while (batch.size() < max && !waiting.isEmpty()) {
      batch.add(waiting.pollFirst());
    }
    return batch;
  }

  synchronized boolean isEmpty() {
    return waiting.isEmpty();
  }

  synchronized int size() {
    return waiting.size();
  }

  synchronized long dropped() {
    return dropped;
  }

  /** One of this node's entity events came back from the stream. */
  void sequenced(String entityKey) {
    forget(entityKey);
  }

  /** Whether this node has an entity event for this entity that the stream has not delivered. */
  boolean unsequenced(String entityKey) {
    return unsequencedByEntity.containsKey(entityKey);
  }

  private void forget(String entityKey) {
    if (entityKey != null) {
      unsequencedByEntity.computeIfPresent(entityKey, (k, n) -> n == 1 ? null : n - 1);
    }
  }
}
