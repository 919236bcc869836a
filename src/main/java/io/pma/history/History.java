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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

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
  /** Reads asked for by WebSocket subscriptions (REST reads use Vert.x's worker pool). */
  private final ExecutorService readers = Executors.newFixedThreadPool(2, r -> {
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
    Map<EntityId, List<HistoryItem>> result = new LinkedHashMap<>();
    for (EntityId id : request.entities()) {
      Integer entity = ids.find(database, id.toString());
      if (entity == null) {
        continue;
      }
      List<HistoryItem> items = database.withConnection(c -> {
        HistoryReader reader = new HistoryReader(c, !request.minimal());
        StateRow first = reader.stateAt(entity, request.start());
        List<StateRow> rows = reader.states(entity, request.start(), request.end());
        if (request.minimal() || !request.attributes()) {
          return HistoryMerge.states(first, rows);
        }
        AttributeRow firstAttributes = reader.attributesAt(entity, request.start());
        return HistoryMerge.withAttributes(first, rows, firstAttributes,
            reader.attributes(entity, request.start(), request.end()));
      });
      if (!items.isEmpty()) {
        result.put(id, items);
      }
    }
    return result;
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
    Map<EntityId, List<StatisticsRow>> result = new LinkedHashMap<>();
    database.withConnection(c -> {
      Long five = StatisticsTable.progress(c, StatisticsTable.FIVE_MINUTES);
      Long hour = StatisticsTable.progress(c, StatisticsTable.HOUR);
      for (EntityId id : request.entities()) {
        Integer entity = ids.find(c, id.toString());
        if (entity == null) {
          continue;
        }
        List<StatisticsRow> rows = new StatisticsQuery(c, entity, now, five, hour)
            .read(request.period(), request.start(), request.end(), zone);
        if (!rows.isEmpty()) {
          result.put(id, rows);
        }
      }
      return null;
    });
    return result;
  }

  /**
   * The logbook of the given entities in (start, end], in time order, at most {@code limit}
   * entries (the earliest). {@code entities} gives names and device classes, {@code usernames}
   * turns a user id into a name. Blocking.
   */
  public List<LogbookEntry> logbook(List<EntityId> entityIds, long start, long end, int limit,
      Function<EntityId, Optional<Entity>> entities, Function<String, String> usernames) {
    List<LogbookEntry> all = new ArrayList<>();
    database.withConnection(c -> {
      LogbookQuery query = new LogbookQuery(c, entities, usernames);
      for (EntityId id : entityIds) {
        Integer entity = ids.find(c, id.toString());
        if (entity != null) {
          all.addAll(query.entries(id, entity, start, end));
        }
      }
      return null;
    });
    all.sort(Comparator.comparingLong(LogbookEntry::when)
        .thenComparing(LogbookEntry::entityId));
    return all.size() > limit ? new ArrayList<>(all.subList(0, limit)) : all;
  }

  @Override
  public void close() {
    readers.shutdownNow();
    if (recorder != null) {
      recorder.close();
    }
  }
}
