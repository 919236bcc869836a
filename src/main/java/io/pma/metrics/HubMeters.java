package io.pma.metrics;

import io.pma.system.ConnectionCounts;

/**
 * The WebSocket hub's running totals, read on every scrape and sample; implemented by the hub.
 * Thread-safe and cheap. Counts only ever grow; {@link #outboundQueueDepth()} is the number of
 * messages waiting in all connections' outbound queues right now.
 */
public interface HubMeters extends ConnectionCounts {
  long messagesReceived();

  long messagesSent();

  long bytesSent();

  long messagesCoalesced();

  long messagesDropped();

  long outboundQueueDepth();
}
