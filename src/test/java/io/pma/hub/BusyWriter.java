package io.pma.hub;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.EntityId;
import io.pma.domain.EntityUpdate;
import io.pma.registry.EntityRegistry;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A thread that keeps changing {@code entities} sensors while a test subscribes: it writes i
 * (1, 2, 3...) to {@code <prefix>(i % entities)}, pausing between writes. Closing stops and joins
 * it.
 */
final class BusyWriter implements AutoCloseable {
  private final EntityRegistry registry;
  private final String prefix;
  private final ObjectNode attributes;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final AtomicLong written = new AtomicLong();
  private final Thread thread;

  /** Sets every sensor to {@code initial}, then starts writing. */
  BusyWriter(EntityRegistry registry, String prefix, int entities, ObjectNode attributes,
      long initial, long pauseNanos) {
    this.registry = registry;
    this.prefix = prefix;
    this.attributes = attributes;
    for (int e = 0; e < entities; e++) {
      set(e, initial);
    }
    thread = new Thread(() -> {
      long i = 0;
      while (running.get()) {
        i++;
        set((int) (i % entities), i);
        written.set(i);
        LockSupport.parkNanos(pauseNanos);
      }
    }, prefix + "writer");
    thread.start();
  }

  void set(int entity, long state) {
    registry.apply(EntityUpdate.of(EntityId.parse(prefix + entity), Long.toString(state),
        attributes.deepCopy(), "test", null));
  }

  /** The last value written. */
  long written() {
    return written.get();
  }

  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join();
  }
}
