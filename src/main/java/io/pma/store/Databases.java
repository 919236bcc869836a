package io.pma.store;

import io.pma.config.StorageConfig;
import io.pma.store.postgres.PostgresDatabase;
import io.pma.store.sql.SqlDatabase;
import io.pma.store.sqlite.SqliteDatabase;
import java.nio.file.Path;

/** Opens the database the configuration names, migrated: SQLite (the default) or PostgreSQL. */
public final class Databases {
  private Databases() {}

  /** {@code postgresPoolSize} connections for PostgreSQL (the server's pool, one for a command). */
  public static SqlDatabase open(StorageConfig storage, int postgresPoolSize) {
    return storage.postgres()
        ? new PostgresDatabase(storage.postgresUrl(), postgresPoolSize)
        : new SqliteDatabase(Path.of(storage.sqliteFile()));
  }
}
