package io.pma.adapter;

import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * Reconnect delays towards a server PMA depends on (Home Assistant, the MQTT broker, Redis):
 * exponential from {@code initialMs}, doubling per failed attempt up to {@code maxMs}, with
 * "equal jitter" (a uniform pick between half and all of that bound) so that many PMA nodes or
 * adapters that lost the same server do not reconnect in lockstep. Not thread-safe; owned by the
 * context of the connection it paces.
 */
public final class Backoff {
  private final long initialMs;
  private final long maxMs;
  private final DoubleSupplier random;
  private int failures;

  /** @param random uniform in [0, 1): the jitter (tests pass fixed values) */
  public Backoff(long initialMs, long maxMs, DoubleSupplier random) {
    this.initialMs = initialMs;
    this.maxMs = maxMs;
    this.random = random;
  }

  public Backoff(long initialMs, long maxMs) {
    this(initialMs, maxMs, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** The delay before the next attempt; each call counts one more failure. */
  public long nextDelayMs() {
    long bound = initialMs << Math.min(failures, 30);
    if (bound <= 0 || bound > maxMs) {
      bound = maxMs;
    }
    failures++;
    return bound / 2 + (long) (random.getAsDouble() * (bound - bound / 2));
  }

  /** Failed attempts since the last {@link #reset()}. */
  public int failures() {
    return failures;
  }

  public void reset() {
    failures = 0;
  }
}
