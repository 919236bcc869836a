package io.pma.hub;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Process-wide /ws counters, cheap to bump from any event loop (hot-path ones are added per batch,
 * see {@link HubShard}). Read by the stats endpoint.
 */
public final class HubCounters {
  final Instant startedAt;
  final AtomicInteger connectedClients = new AtomicInteger();
  final AtomicInteger authenticatedClients = new AtomicInteger();
  final AtomicInteger peakClients = new AtomicInteger();
  final LongAdder totalConnections = new LongAdder();
  final LongAdder rejectedConnections = new LongAdder();
  final LongAdder messagesSent = new LongAdder();
  final LongAdder bytesSent = new LongAdder();
  final LongAdder messagesReceived = new LongAdder();
  final LongAdder bytesReceived = new LongAdder();
  final LongAdder messagesCoalesced = new LongAdder();
  final LongAdder messagesDropped = new LongAdder();
  final LongAdder slowConsumerDisconnects = new LongAdder();
  final LongAdder keepaliveTimeouts = new LongAdder();
  final LongAdder authFailures = new LongAdder();
  final LongAdder invalidMessages = new LongAdder();
  final LongAdder rateLimited = new LongAdder();
  /** Messages waiting in all outbound queues right now (a gauge kept by the queues). */
  final LongAdder queuedMessages = new LongAdder();

  HubCounters(Instant startedAt) {
    this.startedAt = startedAt;
  }

  /** Counts a new connection unless {@code limit} are open; false when refused. */
  boolean tryConnect(int limit) {
    while (true) {
      int current = connectedClients.get();
      if (current >= limit) {
        rejectedConnections.increment();
        return false;
      }
      if (connectedClients.compareAndSet(current, current + 1)) {
        totalConnections.increment();
        peakClients.accumulateAndGet(current + 1, Math::max);
        return true;
      }
    }
  }

  void disconnected() {
    connectedClients.decrementAndGet();
  }
}
