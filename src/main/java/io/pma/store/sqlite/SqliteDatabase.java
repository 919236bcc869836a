package io.pma.store.sqlite;

import io.pma.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One SQLite connection in WAL mode, shared by the repositories. SQLite has one writer at a time,
 * so callers serialise on {@link #withConnection}; reads and writes are short.
 */
public final class SqliteDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);
  /** Migration scripts in order; a new script is appended here and never edited afterwards. */
  private static final String[] MIGRATIONS = {"V1__core.sql", "V2__accounts.sql",
      "V3__automations.sql"};

  private final Connection connection;

  /** A unit of work run on the shared connection. */
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  public SqliteDatabase(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        // NORMAL in WAL mode survives a process crash (kill -9); only an OS crash can lose commits.
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=5000");
        s.execute("PRAGMA foreign_keys=ON");
      }
      migrate();
    } catch (SQLException | IOException e) {
      throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
    }
  }

  public synchronized <T> T withConnection(Work<T> work) {
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }

  /** Runs {@code work} in one transaction, rolled back when it throws. */
  public synchronized <T> T inTransaction(Work<T> work) {
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }

  /** True when a trivial query answers. */
  public boolean ping() {
    try {
      return withConnection(c -> {
        try (Statement s = c.createStatement()) {
          return s.executeQuery("SELECT 1").next();
        }
      });
    } catch (StoreException e) {
      return false;
    }
  }

  private void migrate() throws SQLException, IOException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
          + " applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");
    }
    int current;
    try (Statement s = connection.createStatement()) {
      var rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version");
      current = rs.next() ? rs.getInt(1) : 0;
    }
    for (int version = current + 1; version <= MIGRATIONS.length; version++) {
      apply(version, MIGRATIONS[version - 1]);
    }
  }

  private void apply(int version, String script) throws SQLException, IOException {
    String sql;
    try (InputStream in = getClass().getResourceAsStream("/db/sqlite/" + script)) {
      if (in == null) {
        throw new IOException("migration " + script + " missing from the build");
      }
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    connection.setAutoCommit(false);
    try (Statement s = connection.createStatement()) {
      for (String statement : sql.split(";\\s*\\n")) {
        if (!statement.isBlank()) {
          s.execute(statement);
        }
      }
      s.execute("INSERT INTO schema_version(version) VALUES (" + version + ")");
      connection.commit();
      LOG.info("database migrated to version {} ({})", version, script);
    } catch (SQLException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(true);
    }
  }

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("closing database: {}", e.getMessage());
    }
  }
}
