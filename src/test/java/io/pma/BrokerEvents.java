package io.pma;

import io.pma.bus.Broker;
import io.pma.bus.Published;
import io.pma.domain.PmaEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Records what a server's broker delivers, for tests that assert on published events; awaits with
 * a timeout instead of sleeping.
 */
public final class BrokerEvents {
  private final List<Published> seen = new ArrayList<>();

  public BrokerEvents(Broker broker) {
    broker.subscribe(this::add);
  }

  private synchronized void add(Published published) {
    seen.add(published);
    notifyAll();
  }

  /** Every recorded event of {@code type} so far, in seq order. */
  public synchronized <T extends PmaEvent> List<T> all(Class<T> type) {
    List<T> found = new ArrayList<>();
    for (Published p : seen) {
      if (type.isInstance(p.event())) {
        found.add(type.cast(p.event()));
      }
    }
    return found;
  }

  /** The first recorded event of {@code type} that matches, waiting for it if needed. */
  public synchronized <T extends PmaEvent> T await(Class<T> type, Predicate<T> matching,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (T event : all(type)) {
        if (matching.test(event)) {
          return event;
        }
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no " + type.getSimpleName() + " as expected within " + timeout
            + "; seen: " + all(type));
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /** Waits until {@code count} events of {@code type} have been recorded. */
  public synchronized <T extends PmaEvent> List<T> awaitCount(Class<T> type, int count,
      Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (all(type).size() < count) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("expected " + count + " " + type.getSimpleName() + " within "
            + timeout + "; seen: " + all(type));
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
    return all(type);
  }

  /** The publish order position (seq) of an event recorded here. */
  public synchronized long seqOf(PmaEvent event) {
    for (Published p : seen) {
      if (p.event() == event) {
        return p.seq();
      }
    }
    throw new AssertionError("not recorded: " + event);
  }
}
