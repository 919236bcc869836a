package io.pma.history;

import io.pma.bus.Published;
import io.pma.config.HistoryConfig;
import io.pma.domain.Entity;
import com.fasterxml.jackson.databind.JsonNode;
import io.pma.domain.AutomationTriggered;
import io.pma.domain.Context;
import io.pma.domain.EntityAdded;
import io.pma.domain.EntityStateChanged;
import io.pma.topic.Glob;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records entity changes off the event path. The broker listener ({@link #accept}) only appends
 * the change to a bounded list (O(1), under a short lock); the {@code pma-history} thread writes
 * the list as one batch every {@code flush_interval_ms}, and between batches runs the statistics
 * rollups and the retention purge in small steps. A failed batch is kept and written with the
 * next one; past {@link #MAX_PENDING} waiting changes the oldest are dropped and counted, so a
 * lost database cannot exhaust memory.
 *
 * <p>Every node records every change its broker delivers, its own and the other nodes' (a
 * cluster shares one PostgreSQL): writes are idempotent upserts keyed by (entity, ms), so the
 * rows are the same whichever node wrote them, no node is special, and a node's failure loses
 * nothing the others saw.
 */
public final class Recorder implements AutoCloseable {
  static final int MAX_PENDING = 500_000;
  private static final Logger LOG = LoggerFactory.getLogger(Recorder.class);
  private static final long ROLLUP_EVERY_MS = 30_000;
  private static final long PURGE_EVERY_MS = 3_600_000;
  /** Purge steps per flush: a bound on how long the writer thread is busy purging. */
  private static final int PURGE_STEPS_PER_FLUSH = 5;

  private final HistoryConfig config;
  private final HistoryWriter writer;
  private final Purge purge;
  private final Rollups rollups;
  private final Clock clock;
  private final ScheduledExecutorService thread;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong written = new AtomicLong();
  private ArrayDeque<Recorded> pending = new ArrayDeque<>();
  /** Changes of the batch being written now (guarded by this): waiting too, until committed. */
  private int writing;
  private long nextRollup;
  private long nextPurge;
  private volatile boolean lastWriteFailed;

  Recorder(HistoryConfig config, HistoryWriter writer, Purge purge, Rollups rollups,
      Clock clock) {
    this.config = config;
    this.writer = writer;
    this.purge = purge;
    this.rollups = rollups;
    this.clock = clock;
    this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "pma-history");
      t.setDaemon(true);
      return t;
    });
    long now = clock.millis();
    this.nextRollup = now + ROLLUP_EVERY_MS;
    this.nextPurge = now + 60_000; // the first purge soon after start, then hourly
    thread.scheduleWithFixedDelay(this::tick, config.flushIntervalMs(),
        config.flushIntervalMs(), TimeUnit.MILLISECONDS);
  }

  /** The broker listener: keeps entity changes of recorded entities; runs on delivery threads. */
  public void accept(Published published) {
    Recorded change = changeOf(published);
    if (change == null || (change instanceof RecordedChange entityChange
        && !recorded(entityChange.entityId().toString()))) {
      return;
    }
    synchronized (this) {
      if (pending.size() + writing >= MAX_PENDING) {
        dropped.incrementAndGet();
        if (pending.isEmpty()) {
          return; // all that waits is the batch being written: this change is the one dropped
        }
        pending.pollFirst();
      }
      pending.addLast(change);
    }
  }

  private static Recorded changeOf(Published published) {
    Context context = published.context();
    if (published.event() instanceof EntityAdded added) {
      Entity e = added.entity();
      return new RecordedChange(e.entityId(), e.lastUpdated().toEpochMilli(), e.state(),
          e.attributes(), context);
    }
    if (published.event() instanceof EntityStateChanged changed) {
      boolean stateChanged = !changed.oldState().equals(changed.newState());
      return new RecordedChange(changed.entityId(), changed.lastUpdated().toEpochMilli(),
          stateChanged ? changed.newState() : null, changed.attributes(), context);
    }
    if (published.event() instanceof AutomationTriggered run && context != null) {
      JsonNode entity = run.trigger() == null ? null : run.trigger().get("entity_id");
      return new RecordedRun(context, run.name(),
          entity != null && entity.isTextual() ? entity.asText() : null);
    }
    return null;
  }

  /** Whether the include/exclude globs let this entity be recorded. */
  boolean recorded(String entityId) {
    for (String glob : config.exclude()) {
      if (Glob.matches(glob, entityId)) {
        return false;
      }
    }
    if (config.include().isEmpty()) {
      return true;
    }
    for (String glob : config.include()) {
      if (Glob.matches(glob, entityId)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Completes once every change accepted before this call is written (or its write failed):
   * what a reader that must see everything up to now waits for.
   */
  public CompletableFuture<Void> flushed() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    try {
      thread.execute(() -> {
        flush();
        done.complete(null);
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      done.complete(null); // closed: nothing more will be written
    }
    return done;
  }

  private void tick() {
    flush();
    long now = clock.millis();
    try {
      if (now >= nextRollup) {
        nextRollup = now + ROLLUP_EVERY_MS;
        rollups.run(now);
      }
      if (now >= nextPurge && !purge.running()) {
        nextPurge = now + PURGE_EVERY_MS;
        purge.begin(now);
      }
      for (int i = 0; i < PURGE_STEPS_PER_FLUSH && purge.running(); i++) {
        purge.step();
      }
    } catch (RuntimeException e) {
      LOG.warn("history maintenance failed, retried later: {}", e.getMessage());
    }
  }

  private void flush() {
    ArrayDeque<Recorded> batch;
    synchronized (this) {
      if (pending.isEmpty()) {
        return;
      }
      batch = pending;
      pending = new ArrayDeque<>();
      writing = batch.size();
    }
    try {
      writer.write(new ArrayList<>(batch));
      written.addAndGet(batch.size());
      lastWriteFailed = false;
      synchronized (this) {
        writing = 0;
      }
    } catch (RuntimeException e) {
      lastWriteFailed = true;
      LOG.error("history write failed; {} changes kept for the next batch: {}", batch.size(),
          e.getMessage());
      synchronized (this) {
        writing = 0;
        batch.addAll(pending);
        pending = batch;
        while (pending.size() > MAX_PENDING) {
          pending.pollFirst();
          dropped.incrementAndGet();
        }
      }
    }
  }

  /** Runs the rollups now (tests and the benchmark; normally every 30 s). */
  public CompletableFuture<Void> rollUp() {
    return CompletableFuture.runAsync(() -> {
      flush();
      rollups.run(clock.millis());
    }, thread);
  }

  /** Runs a whole purge round now (tests; normally hourly, in steps). */
  public CompletableFuture<Void> purgeNow() {
    return CompletableFuture.runAsync(() -> {
      flush();
      purge.begin(clock.millis());
      while (purge.running()) {
        purge.step();
      }
    }, thread);
  }

  public long written() {
    return written.get();
  }

  /** Changes not written yet: waiting for the next batch, or in the batch being written. */
  public synchronized int waiting() {
    return pending.size() + writing;
  }

  public long dropped() {
    return dropped.get();
  }

  public boolean lastWriteFailed() {
    return lastWriteFailed;
  }

  @Override
  public void close() {
    try {
      thread.submit(this::flush).get(10, TimeUnit.SECONDS);
    } catch (Exception e) {
      LOG.error("final history flush failed", e);
    }
    thread.shutdownNow();
  }
}
