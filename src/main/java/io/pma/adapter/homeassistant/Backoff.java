package io.pma.adapter.homeassistant;

import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: exponential from {@code initialMs}, doubling per failed attempt up to
 * {@code maxMs}, with "equal jitter" (a uniform pick between half and all of that bound) so that
 * many PMA nodes or adapters that lost the same Home Assistant do not reconnect in lockstep.
 * Not thread-safe; owned by the adapter's event loop.
 */
final class Backoff {
  private final long initialMs;
  private final long maxMs;
  private final DoubleSupplier random;
  private int failures;

  Backoff(long initialMs, long maxMs, DoubleSupplier random) {
    this.initialMs = initialMs;
    this.maxMs = maxMs;
    this.random = random;
  }

  /** The delay before the next attempt; each call counts one more failure. */
  long nextDelayMs() {
    long bound = initialMs << Math.min(failures, 30);
    if (bound <= 0 || bound > maxMs) {
      bound = maxMs;
    }
    failures++;
    return bound / 2 + (long) (random.getAsDouble() * (bound - bound / 2));
  }

  /** Failed attempts since the last {@link #reset()}. */
  int failures() {
    return failures;
  }

  void reset() {
    failures = 0;
  }
}
