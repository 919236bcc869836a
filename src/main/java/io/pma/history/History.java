package io.pma.history;

import io.pma.config.HistoryConfig;
import io.pma.domain.EntityId;
import io.pma.history.HistoryReader.AttributeRow;
import io.pma.history.HistoryReader.StateRow;
import io.pma.store.sql.SqlDatabase;
import java.time.Clock;
import java.time.ZoneId;
import io.pma.domain.Entity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * Entity history as the rest of PMA sees it: the recorder (absent when {@code history.enabled} is
 * false; what was recorded stays readable) and the reads behind the history and statistics API.
 * Reads block on the database: call them from worker threads. Thread-safe.
 */
public final class History implements AutoCloseable {
  private final SqlDatabase database;
  private final EntityIds ids = new EntityIds();
  private final Recorder recorder;
  private final ZoneId zone;
  private final Clock clock;
  /** Entities read at once by one request: the SQLite read connections, about the cores. */
  private static final int PARALLEL_READS = 2;
  /**
   * Reads asked for by WebSocket subscriptions, and the helpers that read a request's entities
   * beside its own thread (a REST request's is a Vert.x worker).
   */
  private final ExecutorService readers = Executors.newFixedThreadPool(PARALLEL_READS, r -> {
    Thread t = new Thread(r, "pma-history-read");
    t.setDaemon(true);
    return t;
  });

  public History(SqlDatabase database, HistoryConfig config, ZoneId zone, Clock clock) {
    this.database = database;
    this.zone = zone;
    this.clock = clock;
    if (config.enabled()) {
      Rollups rollups = new Rollups(database, 2L * config.flushIntervalMs() + 5_000);
      rollups.begin(clock.millis());
      this.recorder = new Recorder(config, new HistoryWriter(database, ids),
          new Purge(database, config.keepDays(), config.statisticsKeepDays()), rollups, clock);
    } else {
      this.recorder = null;
    }
  }

  /** The recorder, to be registered as a broker listener; empty when recording is off. */
  public Optional<Recorder> recorder() {
    return Optional.ofNullable(recorder);
  }

  /** Completes once everything recorded so far is in the database (at once when off). */
  public CompletableFuture<Void> flushed() {
    return recorder == null ? CompletableFuture.completedFuture(null) : recorder.flushed();
  }

  /** Each requested entity's items (an entity never recorded gets none). Blocking. */
  public Map<EntityId, List<HistoryItem>> read(HistoryRequest request) {
    List<EntityId> entities = request.entities();
    AtomicInteger rowsLeft = new AtomicInteger(HistoryRequest.MAX_ROWS);
    List<List<HistoryItem>> items = inParallel(entities.size(),
        i -> items(entities.get(i), request, rowsLeft));
    Map<EntityId, List<HistoryItem>> result = new LinkedHashMap<>();
    for (int i = 0; i < entities.size(); i++) {
      if (!items.get(i).isEmpty()) {
        result.put(entities.get(i), items.get(i));
      }
    }
    return result;
  }

  /**
   * What {@code GET /api/v1/history} answers for {@code request}, as JSON: each entity read and
   * encoded on its own, several at once. Blocking.
   */
  public byte[] readJson(HistoryRequest request) {
    List<EntityId> entities = request.entities();
    AtomicInteger rowsLeft = new AtomicInteger(HistoryRequest.MAX_ROWS);
    List<byte[]> arrays = inParallel(entities.size(), i -> {
      List<HistoryItem> items = items(entities.get(i), request, rowsLeft);
      return items.isEmpty() ? null : HistoryJson.array(items, request.minimal());
    });
    return HistoryJson.object(entities, arrays);
  }

  private List<HistoryItem> items(EntityId id, HistoryRequest request, AtomicInteger rowsLeft) {
    return database.read(c -> {
      Integer entity = ids.find(c, id.toString());
      if (entity == null) {
        return List.of();
      }
      HistoryReader reader = new HistoryReader(c, !request.minimal(), rowsLeft);
      StateRow first = reader.stateAt(entity, request.start());
      List<StateRow> rows = reader.states(entity, request.start(), request.end());
      if (request.minimal() || !request.attributes()) {
        return HistoryMerge.states(first, rows);
      }
      AttributeRow firstAttributes = reader.attributesAt(entity, request.start());
      return HistoryMerge.withAttributes(first, rows, firstAttributes,
          reader.attributes(entity, request.start(), request.end()));
    });
  }

  /**
   * {@code work(0..count-1)} in order, run by the calling thread and up to
   * {@link #PARALLEL_READS} - 1 helpers of the read pool, which take the next index each. The
   * caller never waits for a task that has not started (it takes those itself), so a caller that
   * is itself on the read pool cannot deadlock it.
   */
  private <T> List<T> inParallel(int count, IntFunction<T> work) {
    List<T> results = new ArrayList<>(java.util.Collections.nCopies(count, null));
    AtomicInteger next = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(count);
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    Runnable worker = () -> {
      for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
        try {
          T result = work.apply(i);
          synchronized (results) {
            results.set(i, result);
          }
        } catch (RuntimeException e) {
          failure.compareAndSet(null, e);
        } finally {
          finished.countDown();
        }
      }
    };
    for (int h = 1; h < Math.min(PARALLEL_READS, count); h++) {
      try {
        readers.execute(worker);
      } catch (RejectedExecutionException e) {
        break; // closing: the caller does the work alone
      }
    }
    worker.run();
    boolean interrupted = false;
    while (true) {
      try {
        finished.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    synchronized (results) {
      return results;
    }
  }

  /**
   * Like {@link #read}, after everything recorded so far is written, on a thread of its own:
   * for a subscription, whose history must reach as far as its snapshot.
   */
  public CompletableFuture<Map<EntityId, List<HistoryItem>>> readRecorded(HistoryRequest request) {
    return flushed().thenApplyAsync(v -> read(request), readers);
  }

  /** Each requested numeric entity's statistics rows. Blocking. */
  public Map<EntityId, List<StatisticsRow>> statistics(StatisticsRequest request) {
    long now = clock.millis();
    Long[] progress = database.read(c -> new Long[] {
        StatisticsTable.progress(c, StatisticsTable.FIVE_MINUTES),
        StatisticsTable.progress(c, StatisticsTable.HOUR)});
    List<EntityId> entities = request.entities();
    List<List<StatisticsRow>> rows = inParallel(entities.size(), i -> database.read(c -> {
      Integer entity = ids.find(c, entities.get(i).toString());
      return entity == null ? List.<StatisticsRow>of()
          : new StatisticsQuery(c, entity, now, progress[0], progress[1])
              .read(request.period(), request.start(), request.end(), zone);
    }));
    Map<EntityId, List<StatisticsRow>> result = new LinkedHashMap<>();
    for (int i = 0; i < entities.size(); i++) {
      if (!rows.get(i).isEmpty()) {
        result.put(entities.get(i), rows.get(i));
      }
    }
    return result;
  }

  /**
   * The logbook of the given entities in (start, end], in time order, at most {@code limit}
   * entries (the earliest). {@code entities} gives names and device classes, {@code usernames}
   * turns a user id into a name. Blocking.
   */
  public List<LogbookEntry> logbook(List<EntityId> entityIds, long start, long end, int limit,
      Function<EntityId, Optional<Entity>> entities, Function<String, String> usernames) {
    Comparator<LogbookEntry> order = Comparator.comparingLong(LogbookEntry::when)
        .thenComparing(LogbookEntry::entityId);
    List<LogbookEntry> earliest = new ArrayList<>();
    database.read(c -> {
      LogbookQuery query = new LogbookQuery(c, entities, usernames);
      for (EntityId id : entityIds) {
        Integer entity = ids.find(c, id.toString());
        if (entity != null) {
          // Each entity gives at most `limit`, and only the earliest `limit` are kept: memory
          // stays within twice the limit however many entities and changes the range holds.
          earliest.addAll(query.entries(id, entity, start, end, limit));
          if (earliest.size() > limit) {
            earliest.sort(order);
            earliest.subList(limit, earliest.size()).clear();
          }
        }
      }
      return null;
    });
    earliest.sort(order);
    return earliest;
  }

  @Override
  public void close() {
    readers.shutdownNow();
    if (recorder != null) {
      recorder.close();
    }
  }
}
