package io.pma.store.sqlite;

import io.pma.store.PrivateFiles;
import io.pma.store.StoreException;
import io.pma.store.sql.Migrations;
import io.pma.store.sql.SqlDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.slf4j.Logger;
import org.sqlite.SQLiteDataSource;
import org.slf4j.LoggerFactory;

/**
 * One SQLite connection in WAL mode, shared by the repositories. SQLite has one writer at a time,
 * so callers serialise on {@link #withConnection}; reads and writes are short.
 */
public final class SqliteDatabase implements SqlDatabase {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);

  private final Connection connection;

  public SqliteDatabase(Path file) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      PrivateFiles.secureFile(file);
      SQLiteDataSource source = new SQLiteDataSource();
      source.setUrl("jdbc:sqlite:" + file);
      // WAL before Flyway's first write, so that the file is in WAL mode from its creation.
      try (Connection c = source.getConnection(); Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
      }
      Migrations.apply(source, Migrations.Dialect.SQLITE);
      connection = DriverManager.getConnection("jdbc:sqlite:" + file);
      try (Statement s = connection.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        // NORMAL in WAL mode survives a process crash (kill -9); only an OS crash can lose commits.
        s.execute("PRAGMA synchronous=NORMAL");
        s.execute("PRAGMA busy_timeout=5000");
        s.execute("PRAGMA foreign_keys=ON");
      }
    } catch (SQLException | IOException e) {
      throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
    }
  }

  @Override
  public synchronized <T> T withConnection(Work<T> work) {
    try {
      return work.run(connection);
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }

  @Override
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

  @Override
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

  @Override
  public synchronized void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("closing database: {}", e.getMessage());
    }
  }
}
