package io.pma.config;

/**
 * Where state lives: the data directory (secrets, the SQLite file), the database ({@code type}
 * {@code sqlite}, the default, or {@code postgres} at {@code postgres_url}, shared by the nodes of
 * a cluster) and the write-behind interval.
 */
public record StorageConfig(String dataDir, String sqlitePath, int flushIntervalMs, String type,
    String postgresUrl, int postgresPoolSize) {
  /** The SQLite database's name in the data directory unless {@code sqlite_path} says otherwise. */
  public static final String SQLITE_FILE = "pma.db";

  public StorageConfig {
    Checks.notBlank("storage.data_dir", dataDir);
    Checks.range("storage.flush_interval_ms", flushIntervalMs, 10, 60_000);
    type = type == null || type.isBlank() ? "sqlite" : type;
    if (!"sqlite".equals(type) && !"postgres".equals(type)) {
      throw new IllegalArgumentException("storage.type must be sqlite or postgres (got " + type
          + ")");
    }
    if ("postgres".equals(type)) {
      Checks.notBlank("storage.postgres_url", postgresUrl);
    }
    Checks.range("storage.postgres_pool_size", postgresPoolSize, 1, 200);
  }

  /** The SQLite file: {@code sqlite_path} when set, else {@code <data_dir>/pma.db}. */
  public String sqliteFile() {
    return sqlitePath == null || sqlitePath.isBlank() ? dataDir + "/" + SQLITE_FILE : sqlitePath;
  }

  public boolean postgres() {
    return "postgres".equals(type);
  }
}
