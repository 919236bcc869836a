package io.pma.system;

/**
 * How many /ws connections are open and how many of them are authenticated; implemented by the
 * WebSocket hub. Thread-safe and cheap: read on every status report and every metrics scrape.
 */
public interface ConnectionCounts {
  int connectedClients();

  int authenticatedClients();
}
