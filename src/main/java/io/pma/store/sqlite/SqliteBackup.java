package io.pma.store.sqlite;

import io.pma.store.StoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;

/**
 * A consistent copy of a SQLite database while PMA may be writing to it: {@code VACUUM INTO} on a
 * read-only connection of its own reads one snapshot (WAL readers never block the writer, nor the
 * writer them) and writes a compact, self-contained file without a WAL beside it. Blocking.
 */
public final class SqliteBackup {
  private SqliteBackup() {}

  /** Writes the copy to {@code target}, which must not exist yet. */
  public static void write(Path database, Path target) {
    if (!Files.isRegularFile(database)) {
      throw new StoreException("no database at " + database, null);
    }
    if (Files.exists(target)) {
      throw new StoreException(target + " exists already: choose a new file", null);
    }
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(5000);
    try (Connection c = config.createConnection("jdbc:sqlite:" + database);
        PreparedStatement vacuum = c.prepareStatement("VACUUM INTO ?")) {
      vacuum.setString(1, target.toAbsolutePath().toString());
      vacuum.execute();
    } catch (SQLException e) {
      throw new StoreException("backup of " + database + " failed: " + e.getMessage(), e);
    }
  }
}
