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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Semaphore;
import org.slf4j.Logger;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.slf4j.LoggerFactory;

/**
 * One SQLite connection in WAL mode, shared by the repositories. SQLite has one writer at a time,
 * so callers serialise on {@link #withConnection}; reads and writes are short. Long reads (history)
 * use {@link #read}: up to {@value #READERS} read-only connections of their own, which WAL lets
 * read a consistent snapshot while the shared connection writes, so that neither waits for the
 * other.
 */
public final class SqliteDatabase implements SqlDatabase {
  private static final Logger LOG = LoggerFactory.getLogger(SqliteDatabase.class);

  /** Read-only connections for {@link #read}: about one per core of a small machine. */
  static final int READERS = 2;

  private final Connection connection;
  private final Path file;
  /** Idle read-only connections; at most {@link #READERS} exist, opened when first needed. */
  private final BlockingQueue<Connection> idleReaders = new ArrayBlockingQueue<>(READERS);
  private final Semaphore readerPermits = new Semaphore(READERS);
  private final List<Connection> readers = new ArrayList<>();
  private boolean closed;

  public SqliteDatabase(Path file) {
    this.file = file;
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
  public <T> T read(Work<T> work) {
    readerPermits.acquireUninterruptibly();
    Connection reader = null;
    try {
      reader = idleReaders.poll();
      if (reader == null) {
        reader = openReader();
      }
      return work.run(reader);
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    } finally {
      if (reader != null) {
        idleReaders.offer(reader);
      }
      readerPermits.release();
    }
  }

  private Connection openReader() throws SQLException {
    SQLiteConfig config = new SQLiteConfig();
    config.setReadOnly(true);
    config.setBusyTimeout(5000);
    Connection reader = config.createConnection("jdbc:sqlite:" + file);
    synchronized (this) {
      if (closed) {
        reader.close();
        throw new SQLException("database closed");
      }
      readers.add(reader);
    }
    return reader;
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
    closed = true;
    for (Connection reader : readers) {
      try {
        reader.close();
      } catch (SQLException e) {
        LOG.warn("closing a reader of the database: {}", e.getMessage());
      }
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("closing database: {}", e.getMessage());
    }
  }
}
