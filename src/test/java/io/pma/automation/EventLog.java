package io.pma.automation;

import io.pma.PmaServer;
import io.pma.bus.Published;
import io.pma.domain.PmaEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;

/** Everything a server's broker delivered since the log was attached, with awaiting helpers. */
final class EventLog {
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final List<Published> events = new CopyOnWriteArrayList<>();
  private final PmaServer server;

  private EventLog(PmaServer server) {
    this.server = server;
  }

  static EventLog attach(PmaServer server) {
    EventLog log = new EventLog(server);
    server.broker().subscribe(log.events::add);
    return log;
  }

  <T extends PmaEvent> List<T> all(Class<T> type, Predicate<T> filter) {
    return events.stream().map(Published::event).filter(type::isInstance).map(type::cast)
        .filter(filter).toList();
  }

  /** The matching deliveries so far, in seq order. */
  <T extends PmaEvent> List<Published> deliveries(Class<T> type, Predicate<T> filter) {
    return events.stream().filter(p -> type.isInstance(p.event())
        && filter.test(type.cast(p.event()))).toList();
  }

  <T extends PmaEvent> List<T> all(Class<T> type) {
    return all(type, e -> true);
  }

  /** The first matching event, waiting for it at most {@code timeout}. */
  <T extends PmaEvent> T await(Class<T> type, Predicate<T> filter, Duration timeout) {
    return type.cast(published(type, filter, timeout).event());
  }

  <T extends PmaEvent> T await(Class<T> type, Predicate<T> filter) {
    return await(type, filter, TIMEOUT);
  }

  /** The first matching delivery (with its publish time), waiting at most {@code timeout}. */
  <T extends PmaEvent> Published published(Class<T> type, Predicate<T> filter, Duration timeout) {
    return published(type, filter, timeout, 0);
  }

  /** As {@link #published(Class, Predicate, Duration)}, among events after {@code afterSeq}. */
  <T extends PmaEvent> Published published(Class<T> type, Predicate<T> filter, Duration timeout,
      long afterSeq) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      for (Published p : events) {
        if (p.seq() > afterSeq && type.isInstance(p.event())
            && filter.test(type.cast(p.event()))) {
          return p;
        }
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("no " + type.getSimpleName() + " as expected within "
            + timeout.toMillis() + " ms; got " + events.stream()
            .map(x -> x.event().type()).toList());
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  void clear() {
    events.clear();
  }

  /**
   * Waits until the engine has handled everything, including what its own actions caused: repeats
   * until a round adds no event on the broker. {@code settled()} waits until the engine is idle,
   * so a step that published and then queued its next hop is not seen half done.
   */
  void quiesce() {
    long seq;
    do {
      seq = server.broker().lastSeq();
      settle();
    } while (server.broker().lastSeq() != seq);
  }

  private void settle() {
    try {
      server.automationEngine().settled().toCompletionStage().toCompletableFuture()
          .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("engine did not settle", e);
    }
  }
}
