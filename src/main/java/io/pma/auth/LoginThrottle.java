package io.pma.auth;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;

/**
 * Limits failed logins so that passwords cannot be guessed quickly, without letting an attacker
 * lock the owner out:
 * <ul>
 *   <li>per remote address: at most {@code perAddress} failures within {@link #WINDOW};</li>
 *   <li>per account <em>and</em> address: {@code freeFailures} failures, then each further attempt
 *       waits a delay that doubles per failure (1 s, 2 s, 4 s...) up to {@code maxDelay}. The same
 *       account from another address is not delayed, so the owner still logs in.</li>
 * </ul>
 * An attempt is {@linkplain #reserve reserved} before the password is checked, counted as a failure
 * at once, and given back on success: however many attempts arrive in parallel, no more passwords
 * are checked than the limits allow. Thread-safe (one lock; each call is a few map operations).
 */
public final class LoginThrottle {
  public static final Duration WINDOW = Duration.ofMinutes(15);
  private static final int MAX_TRACKED_KEYS = 100_000;

  private final Map<String, Deque<Instant>> addressFailures = new HashMap<>();
  private final Map<String, Streak> accountStreaks = new HashMap<>();
  private final int perAddress;
  private final int freeFailures;
  private final Duration maxDelay;
  private final Clock clock;

  /** Consecutive failures for one account from one address, and when the last one began. */
  private record Streak(int failures, Instant last) {}

  /** The answer to a reservation: allowed now (with a ticket to settle) or wait this long. */
  public sealed interface Reservation permits Ticket, Wait {}

  /** Wait {@code seconds} before trying again. */
  public record Wait(long seconds) implements Reservation {}

  /** An attempt counted as a failure until {@link #succeeded} or {@link #cancelled} says otherwise. */
  public final class Ticket implements Reservation {
    private final String address;
    private final String account;
    private final Instant at;
    private final Streak before;

    private Ticket(String address, String account, Instant at, Streak before) {
      this.address = address;
      this.account = account;
      this.at = at;
      this.before = before;
    }

    /** The password was right: the attempt does not count, the account's streak is cleared. */
    public void succeeded() {
      synchronized (LoginThrottle.this) {
        forgetAddressFailure(address, at);
        accountStreaks.remove(account);
      }
    }

    /** The password was never checked (the store failed): the attempt does not count. */
    public void cancelled() {
      synchronized (LoginThrottle.this) {
        forgetAddressFailure(address, at);
        if (before == null) {
          accountStreaks.remove(account);
        } else {
          accountStreaks.put(account, before);
        }
      }
    }
  }

  public LoginThrottle(int perAddress, int freeFailures, Duration maxDelay, Clock clock) {
    this.perAddress = perAddress;
    this.freeFailures = freeFailures;
    this.maxDelay = maxDelay;
    this.clock = clock;
  }

  /** Reserves a login attempt for {@code username} from {@code address}, or says how long to wait. */
  public synchronized Reservation reserve(String address, String username) {
    Instant now = clock.instant();
    if (addressFailures.size() + accountStreaks.size() > MAX_TRACKED_KEYS) {
      prune(now);
    }
    String account = address + "\n" + username;
    long wait = Math.max(addressWait(address, now), accountWait(account, now));
    if (wait > 0) {
      return new Wait(wait);
    }
    addressFailures.computeIfAbsent(address, k -> new ArrayDeque<>()).addLast(now);
    Streak before = current(account, now);
    accountStreaks.put(account, new Streak(before == null ? 1 : before.failures() + 1, now));
    return new Ticket(address, account, now, before);
  }

  private long addressWait(String address, Instant now) {
    Deque<Instant> times = addressFailures.get(address);
    if (times == null) {
      return 0;
    }
    while (!times.isEmpty() && !times.peekFirst().plus(WINDOW).isAfter(now)) {
      times.removeFirst();
    }
    if (times.size() < perAddress) {
      return 0;
    }
    return seconds(Duration.between(now, times.peekFirst().plus(WINDOW)));
  }

  private long accountWait(String account, Instant now) {
    Streak streak = current(account, now);
    if (streak == null || streak.failures() < freeFailures) {
      return 0;
    }
    Duration delay = delayAfter(streak.failures());
    Instant allowed = streak.last().plus(delay);
    return allowed.isAfter(now) ? seconds(Duration.between(now, allowed)) : 0;
  }

  /** 1 s after the first failure past the free ones, doubling, capped at {@code maxDelay}. */
  Duration delayAfter(int failures) {
    int doublings = failures - freeFailures;
    if (doublings >= 30) {
      return maxDelay;
    }
    Duration delay = Duration.ofSeconds(1L << doublings);
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  /** A streak is forgotten {@link #WINDOW} after its last failure. */
  private Streak current(String account, Instant now) {
    Streak streak = accountStreaks.get(account);
    if (streak != null && !streak.last().plus(WINDOW).isAfter(now)) {
      accountStreaks.remove(account);
      return null;
    }
    return streak;
  }

  private void forgetAddressFailure(String address, Instant at) {
    Deque<Instant> times = addressFailures.get(address);
    if (times != null) {
      times.removeLastOccurrence(at);
    }
  }

  private static long seconds(Duration duration) {
    return Math.max(1, (duration.toMillis() + 999) / 1000);
  }

  private void prune(Instant now) {
    addressFailures.values().removeIf(times -> times.isEmpty()
        || !times.peekLast().plus(WINDOW).isAfter(now));
    accountStreaks.values().removeIf(s -> !s.last().plus(WINDOW).isAfter(now));
  }
}
