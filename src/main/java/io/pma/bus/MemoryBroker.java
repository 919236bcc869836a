package io.pma.bus;

import io.pma.domain.Context;
import io.pma.domain.Entity;
import io.pma.domain.PmaEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-node broker: assigns seq and delivers synchronously on the publishing thread. Publishing
 * is serialised so that seq order is delivery order for every listener. Keeps the last
 * {@code historySize} events, none older than {@code historyAge}, for resuming clients.
 * Thread-safe.
 */
public final class MemoryBroker implements Broker {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryBroker.class);
  private final List<Consumer<Published>> listeners = new CopyOnWriteArrayList<>();
  private final ArrayDeque<Published> history = new ArrayDeque<>();
  private final Clock clock;
  private final int historySize;
  private final Duration historyAge;
  private long seq;

  public MemoryBroker(Clock clock, int historySize, Duration historyAge) {
    this.clock = clock;
    this.historySize = historySize;
    this.historyAge = historyAge;
  }

  /** A broker with the default history: 10,000 events, 10 minutes. */
  public MemoryBroker(Clock clock) {
    this(clock, 10_000, Duration.ofMinutes(10));
  }

  @Override
  public synchronized void publish(PmaEvent event, Context context, Entity after) {
    Published published = new Published(++seq, event, context, clock.instant(),
        System.nanoTime());
    remember(published);
    for (Consumer<Published> listener : listeners) {
      try {
        listener.accept(published);
      } catch (RuntimeException e) {
        // Listener isolation: one broken consumer must not stop delivery to the others.
        LOG.error("broker listener failed on {}", event.type(), e);
      }
    }
  }

  private void remember(Published published) {
    if (historySize == 0) {
      return;
    }
    if (history.size() == historySize) {
      history.pollFirst();
    }
    history.addLast(published);
  }

  @Override
  public void subscribe(Consumer<Published> listener) {
    listeners.add(listener);
  }

  @Override
  public synchronized long lastSeq() {
    return seq;
  }

  @Override
  public CompletableFuture<History> history(long afterSeq) {
    return CompletableFuture.completedFuture(read(afterSeq));
  }

  private synchronized History read(long afterSeq) {
    Instant oldestKept = clock.instant().minus(historyAge);
    while (!history.isEmpty() && history.peekFirst().publishedAt().isBefore(oldestKept)) {
      history.pollFirst();
    }
    long oldest = history.isEmpty() ? seq + 1 : history.peekFirst().seq();
    List<Published> after = new ArrayList<>();
    // Newest first: a resume usually needs only the tail, so stop at the first older event.
    Iterator<Published> newestFirst = history.descendingIterator();
    while (newestFirst.hasNext()) {
      Published published = newestFirst.next();
      if (published.seq() <= afterSeq) {
        break;
      }
      after.add(published);
    }
    Collections.reverse(after);
    return new History(oldest, seq, after);
  }

  @Override
  public boolean healthy() {
    return true;
  }

  @Override
  public void close() {
    listeners.clear();
  }
}
