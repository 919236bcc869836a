package io.pma.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Limits failed logins per remote address and per username within a sliding window, so passwords
 * cannot be guessed quickly from one place or against one account. Thread-safe.
 */
public final class LoginThrottle {
  public static final Duration WINDOW = Duration.ofMinutes(15);
  public static final int MAX_FAILURES_PER_ADDRESS = 20;
  public static final int MAX_FAILURES_PER_USERNAME = 10;
  private static final int MAX_TRACKED_KEYS = 100_000;

  private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();
  private final Clock clock;

  public LoginThrottle(Clock clock) {
    this.clock = clock;
  }

  /** Seconds to wait before trying again, or 0 when a login attempt is allowed now. */
  public long retryAfterSeconds(String address, String username) {
    Instant now = clock.instant();
    return Math.max(wait("addr:" + address, MAX_FAILURES_PER_ADDRESS, now),
        wait("user:" + username, MAX_FAILURES_PER_USERNAME, now));
  }

  public void failed(String address, String username) {
    if (failures.size() > MAX_TRACKED_KEYS) {
      prune(clock.instant());
    }
    Instant now = clock.instant();
    record("addr:" + address, now);
    record("user:" + username, now);
  }

  /** A successful login clears the username's failures (not the address's). */
  public void succeeded(String username) {
    failures.remove("user:" + username);
  }

  private void record(String key, Instant now) {
    Deque<Instant> times = failures.computeIfAbsent(key, k -> new ArrayDeque<>());
    synchronized (times) {
      times.addLast(now);
    }
  }

  private long wait(String key, int max, Instant now) {
    Deque<Instant> times = failures.get(key);
    if (times == null) {
      return 0;
    }
    synchronized (times) {
      while (!times.isEmpty() && times.peekFirst().plus(WINDOW).isBefore(now)) {
        times.removeFirst();
      }
      if (times.size() < max) {
        return 0;
      }
      return Math.max(1, Duration.between(now, times.peekFirst().plus(WINDOW)).toSeconds());
    }
  }

  private void prune(Instant now) {
    failures.entrySet().removeIf(e -> {
      synchronized (e.getValue()) {
        return e.getValue().isEmpty() || e.getValue().peekLast().plus(WINDOW).isBefore(now);
      }
    });
  }
}
