package io.pma.bus;

import io.pma.domain.PmaEvent;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The single-node broker: assigns seq and delivers synchronously on the publishing thread. Publishing
 * is serialised so that seq order is delivery order for every listener. Thread-safe.
 */
public final class MemoryBroker implements Broker {
  private static final Logger LOG = LoggerFactory.getLogger(MemoryBroker.class);
  private final List<Consumer<Published>> listeners = new CopyOnWriteArrayList<>();
  private final Clock clock;
  private long seq;

  public MemoryBroker(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized void publish(PmaEvent event) {
    Published published = new Published(++seq, event, clock.instant(), System.nanoTime());
    for (Consumer<Published> listener : listeners) {
      try {
        listener.accept(published);
      } catch (RuntimeException e) {
        // Listener isolation: one broken consumer must not stop delivery to the others.
        LOG.error("broker listener failed on {}", event.type(), e);
      }
    }
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
  public boolean healthy() {
    return true;
  }

  @Override
  public void close() {
    listeners.clear();
  }
}
