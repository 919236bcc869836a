package io.pma.hub;

import java.util.concurrent.TimeUnit;

/**
 * When to ping one connection and when to give it up (PROTOCOL.md section 1): a ping every
 * {@code ping_interval_seconds}; a peer silent for {@code ping_interval_seconds +
 * pong_timeout_seconds} is dead. Only bookkeeping on {@link System#nanoTime} readings (compared
 * by difference, so a wrapping clock is fine); the {@link Session} sends the ping and closes.
 * Confined to the session's event loop.
 */
final class KeepAlive {
  private final long pingIntervalNanos;
  private final long deadAfterNanos;
  private long lastHeardNanos;
  private long nextPingNanos;

  KeepAlive(int pingIntervalSeconds, int pongTimeoutSeconds, long nowNanos) {
    this.pingIntervalNanos = TimeUnit.SECONDS.toNanos(pingIntervalSeconds);
    this.deadAfterNanos = TimeUnit.SECONDS.toNanos(pingIntervalSeconds + pongTimeoutSeconds);
    this.lastHeardNanos = nowNanos;
    this.nextPingNanos = nowNanos + pingIntervalNanos;
  }

  /** Something arrived from the peer: it is alive. */
  void heard(long nowNanos) {
    lastHeardNanos = nowNanos;
  }

  /** Whether the peer has been silent for longer than a ping interval plus the pong timeout. */
  boolean dead(long nowNanos) {
    return nowNanos - lastHeardNanos > deadAfterNanos;
  }

  /** Whether a ping is due now; when it is, the next one is due a ping interval later. */
  boolean pingNow(long nowNanos) {
    if (nowNanos - nextPingNanos < 0) {
      return false;
    }
    nextPingNanos = nowNanos + pingIntervalNanos;
    return true;
  }
}
