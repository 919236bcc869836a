package io.pma.config;

/** Where state lives: the data directory (secrets, SQLite file) and the write-behind interval. */
public record StorageConfig(String dataDir, String sqlitePath, int flushIntervalMs) {
  public StorageConfig {
    Checks.notBlank("storage.data_dir", dataDir);
    Checks.range("storage.flush_interval_ms", flushIntervalMs, 10, 60_000);
  }

  /** The SQLite file: {@code sqlite_path} when set, else {@code <data_dir>/pma.db}. */
  public String sqliteFile() {
    return sqlitePath == null || sqlitePath.isBlank() ? dataDir + "/pma.db" : sqlitePath;
  }
}
