package io.pma.api;

import io.pma.auth.Role;
import io.pma.store.sqlite.SqliteBackup;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/v1/system/backup} (admin): the same consistent SQLite copy as {@code pma backup
 * FILE}, streamed as a download. The copy is written on a worker thread into a temporary folder
 * beside the database (same disk, no size surprise in /tmp) and deleted once sent or failed.
 */
public final class BackupResource implements Resource {
  private static final Logger LOG = LoggerFactory.getLogger(BackupResource.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
      .withZone(ZoneOffset.UTC);

  /** The SQLite file; empty when the storage is PostgreSQL. */
  private final Optional<Path> sqliteFile;
  private final Clock clock;

  public BackupResource(Optional<Path> sqliteFile, Clock clock) {
    this.sqliteFile = sqliteFile;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/system/backup").handler(this::backup);
  }

  private void backup(RoutingContext ctx) {
    Requests.require(ctx, Role.ADMIN);
    if (sqliteFile.isEmpty()) {
      throw ApiException.conflict("storage is PostgreSQL: back it up with pg_dump"
          + " (docs/OPERATIONS.md)");
    }
    Path database = sqliteFile.get();
    Blocking.run(ctx, () -> {
      Path dir = Files.createTempDirectory(database.toAbsolutePath().getParent(), "backup-");
      Path copy = dir.resolve("pma.db");
      try {
        SqliteBackup.write(database, copy);
      } catch (RuntimeException e) {
        delete(dir);
        throw e;
      }
      return copy;
    }).onSuccess(copy -> {
      ctx.response().putHeader("Content-Type", "application/vnd.sqlite3")
          .putHeader("Content-Disposition", "attachment; filename=\"pma-"
              + STAMP.format(clock.instant()) + ".db\"")
          .putHeader("Cache-Control", "no-store");
      ctx.response().sendFile(copy.toString())
          .onComplete(sent -> ctx.vertx().executeBlocking(() -> {
            delete(copy.getParent());
            return null;
          }, false));
    }).onFailure(ctx::fail);
  }

  private static void delete(Path dir) {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("temporary backup {} not deleted: {}", dir, e.getMessage());
    }
  }
}
