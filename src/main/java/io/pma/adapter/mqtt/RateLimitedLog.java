package io.pma.adapter.mqtt;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;

/**
 * Counts problems per key (an entity, a discovery topic) and lets at most one log line per key
 * through each minute, so a device that floods bad payloads cannot flood the log. Confined to the
 * adapter's event loop.
 */
final class RateLimitedLog {
  private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Logger log;
  private final Map<String, long[]> byKey = new HashMap<>();
  private long total;

  RateLimitedLog(Logger log) {
    this.log = log;
  }

  /** Counts one problem for {@code key}; logs it when this key was quiet for a minute. */
  void warn(String key, String message) {
    total++;
    long now = System.nanoTime();
    long[] entry = byKey.computeIfAbsent(key, k -> new long[] {0, now - INTERVAL_NANOS});
    entry[0]++;
    if (now - entry[1] >= INTERVAL_NANOS) {
      entry[1] = now;
      log.warn("{}: {} ({} so far; logged at most once a minute)", key, message, entry[0]);
    }
  }

  long total() {
    return total;
  }

  long count(String key) {
    long[] entry = byKey.get(key);
    return entry == null ? 0 : entry[0];
  }

  void forget(String key) {
    byKey.remove(key);
  }
}
