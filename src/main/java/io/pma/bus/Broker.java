package io.pma.bus;

import io.pma.domain.Context;
import io.pma.domain.Entity;
import io.pma.domain.PmaEvent;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Publishes events to every node and delivers them, in {@code seq} order, to the listeners of this
 * node. Listeners are called on the broker's delivery thread and must not block: they hand work to
 * their own threads. The broker also keeps a bounded history of what it delivered, for clients
 * that resume after a reconnect (PROTOCOL.md section 8).
 */
public interface Broker extends AutoCloseable {

  /**
   * Connects to the broker's backend and catches this node up (a cluster broker hands the recent
   * entity changes of the stream to {@link #onRemoteEntity} first). Called once, after the
   * listeners are registered and before anything publishes.
   */
  default CompletableFuture<Void> start() {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Publishes an event with the context of its cause; it reaches every listener (on every node)
   * exactly once, in seq order, with that context unchanged.
   */
  default void publish(PmaEvent event, Context context) {
    publish(event, context, null);
  }

  /**
   * Publishes an event that nothing caused but the node itself (a status report, an alert): it
   * gets a {@link Context#fresh() fresh} context.
   */
  default void publish(PmaEvent event) {
    publish(event, Context.fresh());
  }

  /**
   * Publishes an entity event with its context and the entity as it is after the change
   * ({@code null} after a removal, and for events that are not about an entity). A broker that
   * spans nodes ships the entity so that the other nodes' registries can mirror the change exactly
   * (see {@link #onRemoteEntity}); a single-node broker ignores it.
   */
  void publish(PmaEvent event, Context context, Entity after);

  /** Registers a listener for every event delivered on this node from now on. */
  void subscribe(Consumer<Published> listener);

  /**
   * Registers the listener for entity changes made on other nodes. It is called on the delivery
   * thread just before the change's event reaches the {@link #subscribe} listeners, and not for
   * changes this node made itself. A single-node broker never calls it.
   */
  default void onRemoteEntity(Consumer<RemoteEntityChange> listener) {}

  /** The highest seq delivered to this node's listeners so far (0 before any). */
  long lastSeq();

  /**
   * The retained events with a seq greater than {@code afterSeq}, ascending, read cluster-wide.
   * Completes on an arbitrary thread; fails when the history's backend cannot be reached.
   */
  CompletableFuture<History> history(long afterSeq);

  /** Whether the broker can currently publish and deliver (false while its backend is lost). */
  boolean healthy();

  @Override
  void close();
}
