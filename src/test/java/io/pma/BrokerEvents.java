package io.pma;

import io.pma.Await;
import io.pma.bus.Published;
import io.pma.domain.PmaEvent;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The one event log of the tests: everything a server's broker delivered since it was attached,
 * in seq order, with helpers that await an event with a timeout instead of sleeping.
 */
public final class BrokerEvents {
  private final List<Published> seen = new ArrayList<>();
  private final PmaServer server;

  private BrokerEvents(PmaServer server) {
    this.server = server;
  }

  /** Starts recording what {@code server}'s broker delivers from now on. */
  public static BrokerEvents attach(PmaServer server) {
    BrokerEvents log = new BrokerEvents(server);
    server.broker().subscribe(log::add);
    return log;
  }

  private synchronized void add(Published published) {
    seen.add(published);
    notifyAll();
  }

  /** Every recorded event of {@code type} so far, in seq order. */
  public <T extends PmaEvent> List<T> all(Class<T> type) {
    return all(type, e -> true);
  }

  /** Every recorded event of {@code type} that matches {@code filter}, in seq order. */
  public synchronized <T extends PmaEvent> List<T> all(Class<T> type, Predicate<T> filter) {
    return seen.stream().map(Published::event).filter(type::isInstance).map(type::cast)
        .filter(filter).toList();
  }

  /** The matching deliveries so far (with seq and publish time), in seq order. */
  public synchronized <T extends PmaEvent> List<Published> deliveries(Class<T> type,
      Predicate<T> filter) {
    return seen.stream().filter(p -> type.isInstance(p.event())
        && filter.test(type.cast(p.event()))).toList();
  }

  /** The first matching event, waiting for it at most {@link Await#TIMEOUT}. */
  public <T extends PmaEvent> T await(Class<T> type, Predicate<T> filter) {
    return await(type, filter, Await.TIMEOUT);
  }

  /** The first matching event, waiting for it at most {@code timeout}. */
  public <T extends PmaEvent> T await(Class<T> type, Predicate<T> filter, Duration timeout) {
    return type.cast(published(type, filter, timeout).event());
  }

  /** The first matching delivery, waiting at most {@code timeout}. */
  public <T extends PmaEvent> Published published(Class<T> type, Predicate<T> filter,
      Duration timeout) {
    return published(type, filter, timeout, 0);
  }

  /** As {@link #published(Class, Predicate, Duration)}, among events after {@code afterSeq}. */
  public <T extends PmaEvent> Published published(Class<T> type, Predicate<T> filter,
      Duration timeout, long afterSeq) {
    return waitFor(() -> {
      for (Published p : seen) {
        if (p.seq() > afterSeq && type.isInstance(p.event())
            && filter.test(type.cast(p.event()))) {
          return p;
        }
      }
      return null;
    }, timeout, () -> "no " + type.getSimpleName() + " as expected");
  }

  /** Waits until {@code count} events of {@code type} have been recorded; returns them all. */
  public <T extends PmaEvent> List<T> awaitCount(Class<T> type, int count, Duration timeout) {
    return waitFor(() -> all(type).size() >= count ? all(type) : null, timeout,
        () -> "expected " + count + " " + type.getSimpleName());
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

  public synchronized void clear() {
    seen.clear();
  }

  /**
   * Waits until the automation engine has handled everything, including what its own actions
   * caused: repeats until a round adds no event on the broker. {@code settled()} waits until the
   * engine is idle, so a step that published and then queued its next hop is not seen half done.
   */
  public void quiesce() {
    long seq;
    do {
      seq = server.broker().lastSeq();
      try {
        server.automationEngine().settled().toCompletionStage().toCompletableFuture()
            .get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new AssertionError("engine did not settle", e);
      }
    } while (server.broker().lastSeq() != seq);
  }

  /** {@code probe}'s first non-null answer, re-asked on every recorded event. */
  private synchronized <R> R waitFor(Supplier<R> probe, Duration timeout,
      Supplier<String> failure) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      R found = probe.get();
      if (found != null) {
        return found;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError(failure.get() + " within " + timeout + "; seen: "
            + seen.stream().map(p -> p.event().type()).toList());
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
