package io.pma.registry;

import io.pma.domain.Entity;
import io.pma.domain.EntityCustomization;
import io.pma.domain.EntityId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Batches entity writes off the event path: the registry marks entities dirty (O(1), under its own
 * lock) and a single thread writes the latest version of each dirty entity every
 * {@code flushInterval}. A crash loses at most the changes of the last interval; a failed write is
 * retried with the next batch, so nothing is dropped while the process lives.
 */
public final class WriteBehind implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WriteBehind.class);
  /** Pending writes: an entity to upsert, or null for a deletion. */
  private Map<EntityId, Entity> pending = new LinkedHashMap<>();
  /** Pending customisations: the latest of each entity (empty = delete it). */
  private Map<EntityId, EntityCustomization> pendingCustomizations = new LinkedHashMap<>();
  private final EntityStore store;
  private final ScheduledExecutorService thread;
  private final AtomicLong oldestPendingNanos = new AtomicLong();
  private volatile boolean lastWriteFailed;

  public WriteBehind(EntityStore store, long flushIntervalMillis) {
    this.store = store;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "pma-write-behind");
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(this::flush, flushIntervalMillis, flushIntervalMillis,
        TimeUnit.MILLISECONDS);
  }

  synchronized void changed(Entity entity) {
    markPending();
    pending.put(entity.entityId(), entity);
  }

  synchronized void customized(EntityId id, EntityCustomization customization) {
    markPending();
    pendingCustomizations.put(id, customization);
  }

  synchronized void deleted(EntityId id) {
    markPending();
    pending.put(id, null);
  }

  private void markPending() {
    if (pending.isEmpty() && pendingCustomizations.isEmpty()) {
      oldestPendingNanos.set(System.nanoTime());
    }
  }

  /** How long the oldest unwritten change has waited, in milliseconds (0 when none). */
  public long lagMillis() {
    synchronized (this) {
      if (pending.isEmpty() && pendingCustomizations.isEmpty()) {
        return 0;
      }
    }
    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - oldestPendingNanos.get());
  }

  public boolean lastWriteFailed() {
    return lastWriteFailed;
  }

  /**
   * Writes everything pending now; returns when it is durable (or failed and re-queued) with the
   * number of entity changes written.
   */
  public int flush() {
    Map<EntityId, Entity> batch;
    Map<EntityId, EntityCustomization> customized;
    synchronized (this) {
      if (pending.isEmpty() && pendingCustomizations.isEmpty()) {
        return 0;
      }
      batch = pending;
      pending = new LinkedHashMap<>();
      customized = pendingCustomizations;
      pendingCustomizations = new LinkedHashMap<>();
    }
    try {
      var upserts = batch.values().stream().filter(e -> e != null).toList();
      var deletions = batch.entrySet().stream().filter(e -> e.getValue() == null)
          .map(Map.Entry::getKey).toList();
      store.write(upserts, deletions, customized);
      lastWriteFailed = false;
      return batch.size();
    } catch (RuntimeException e) {
      lastWriteFailed = true;
      LOG.error("entity write failed; {} changes kept for the next batch: {}",
          batch.size() + customized.size(), e.getMessage());
      requeue(batch, customized);
      return 0;
    }
  }

  private synchronized void requeue(Map<EntityId, Entity> batch,
      Map<EntityId, EntityCustomization> customized) {
    // Newer pending changes win over the failed batch's versions of the same entity.
    Map<EntityId, Entity> merged = new LinkedHashMap<>(batch);
    merged.putAll(pending);
    pending = merged;
    Map<EntityId, EntityCustomization> mergedCustomizations = new LinkedHashMap<>(customized);
    mergedCustomizations.putAll(pendingCustomizations);
    pendingCustomizations = mergedCustomizations;
  }

  @Override
  public void close() {
    flushAndStop();
  }

  /** The final flush of a clean shutdown; returns how many entity changes it wrote. */
  public int flushAndStop() {
    try {
      return thread.submit(this::flush).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.error("final entity flush failed", e);
      return 0;
    } finally {
      thread.shutdownNow();
    }
  }
}
