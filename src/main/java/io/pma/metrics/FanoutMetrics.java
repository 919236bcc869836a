package io.pma.metrics;

/**
 * Where the hub reports fan-out latency: from {@code Published.publishedNanos()} (the broker's
 * publish) to the event's frame handed to the last subscriber's socket on a loop. Thread-safe;
 * called once per event per loop, not per connection.
 */
@FunctionalInterface
public interface FanoutMetrics {
  void recordFanout(long nanos);
}
