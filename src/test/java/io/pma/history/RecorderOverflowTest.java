package io.pma.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.Await;
import io.pma.bus.Published;
import io.pma.config.HistoryConfig;
import io.pma.domain.Context;
import io.pma.domain.EntityId;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.Json;
import io.pma.store.sqlite.SqliteDatabase;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A database that cannot be written: the recorder keeps a bounded backlog, never more. */
class RecorderOverflowTest {
  @Test
  @DisplayName("with the database gone, changes beyond the bound drop the oldest and are counted")
  void boundedBacklog() throws Exception {
    SqliteDatabase database = new SqliteDatabase(
        Files.createTempDirectory("pma-recorder").resolve("pma.db"));
    HistoryConfig config = new HistoryConfig(true, 10, 0, List.of(), List.of(), 10);
    Recorder recorder = new Recorder(config, new HistoryWriter(database, new EntityIds()),
        new Purge(database, 10, 0), new Rollups(database, 0), Clock.systemUTC());
    database.close(); // every batch now fails and is kept for the next one
    EntityId id = EntityId.parse("sensor.flood");
    int extra = 1_000;
    Instant t = Instant.parse("2026-03-02T10:00:00Z");
    Context report = Context.fresh(); // one for all: the test is about the count, not the cause
    for (int i = 0; i < Recorder.MAX_PENDING + extra; i++) {
      Instant at = t.plusMillis(i);
      recorder.accept(new Published(i + 1, new EntityStateChanged(id, "0", Integer.toString(i),
          Json.object(), "test", at, at), report, at, System.nanoTime()));
    }
    Await.until("a failed batch was written and kept", recorder::lastWriteFailed);
    recorder.flushed().join();
    assertThat(recorder.waiting()).isEqualTo(Recorder.MAX_PENDING);
    assertThat(recorder.dropped()).isEqualTo(extra);
    assertThat(recorder.written()).isZero();
    recorder.close();
  }
}
