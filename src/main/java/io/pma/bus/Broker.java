package io.pma.bus;

import io.pma.domain.PmaEvent;
import java.util.function.Consumer;

/**
 * Publishes events to every node and delivers them, in {@code seq} order, to the listeners of this
 * node. Listeners are called on the broker's delivery thread and must not block: they hand work to
 * their own threads.
 */
public interface Broker extends AutoCloseable {

  /** Publishes an event; it reaches every listener (on every node) exactly once, in seq order. */
  void publish(PmaEvent event);

  /** Registers a listener for every event delivered on this node from now on. */
  void subscribe(Consumer<Published> listener);

  /** The highest seq delivered to this node's listeners so far (0 before any). */
  long lastSeq();

  /** Whether the broker can currently publish and deliver (false while its backend is lost). */
  boolean healthy();

  @Override
  void close();
}
