package io.pma.adapter.mqtt;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Reconnect delays: doubling from {@code initialMs} up to {@code maxMs}, each drawn at random from
 * the upper half of its step ("equal jitter") so that many PMA nodes restarted together do not hit
 * the broker in lockstep. Confined to the adapter's event loop.
 */
final class Backoff {
  private final long initialMs;
  private final long maxMs;
  private int failures;

  Backoff(long initialMs, long maxMs) {
    this.initialMs = initialMs;
    this.maxMs = maxMs;
  }

  /** The delay before the next attempt; each call counts one more failure. */
  long next() {
    long step = Math.min(maxMs, initialMs << Math.min(failures, 30));
    failures++;
    long half = step / 2;
    return half + ThreadLocalRandom.current().nextLong(step - half + 1);
  }

  int failures() {
    return failures;
  }

  void reset() {
    failures = 0;
  }
}
