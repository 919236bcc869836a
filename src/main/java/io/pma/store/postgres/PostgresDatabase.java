package io.pma.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pma.store.StoreException;
import io.pma.store.sql.Migrations;
import io.pma.store.sql.SqlDatabase;
import org.postgresql.ds.PGSimpleDataSource;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A PostgreSQL database shared by every node of a cluster, through a small HikariCP pool. Nodes
 * that start together migrate one at a time (Flyway's advisory lock), so each script runs once. Thread-safe; blocking calls for worker threads.
 */
public final class PostgresDatabase implements SqlDatabase {
  private final HikariDataSource pool;

  /** @param url {@code postgresql://user:password@host:port/db} or a {@code jdbc:} URL */
  public PostgresDatabase(String url, int poolSize) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl(url));
    config.setMaximumPoolSize(poolSize);
    config.setPoolName("pma-postgres");
    config.setConnectionTimeout(5_000);
    config.setInitializationFailTimeout(10_000);
    try {
      this.pool = new HikariDataSource(config);
    } catch (RuntimeException e) {
      throw new StoreException("cannot open database " + redacted(url) + ": " + e.getMessage(), e);
    }
    migrate(url);
  }

  /**
   * Flyway takes a PostgreSQL advisory lock itself, so nodes that start together migrate once. It
   * holds two connections at a time (the lock, the migration), so it gets its own, unpooled: a
   * pool of one would wait on itself.
   */
  private void migrate(String url) {
    PGSimpleDataSource direct = new PGSimpleDataSource();
    direct.setURL(jdbcUrl(url));
    try {
      Migrations.apply(direct, Migrations.Dialect.POSTGRES);
    } catch (StoreException e) {
      pool.close();
      throw new StoreException(e.getMessage() + " (" + redacted(url) + ")", e);
    }
  }

  /** Accepts the usual {@code postgresql://} form as well as a JDBC URL. */
  static String jdbcUrl(String url) {
    if (url.startsWith("jdbc:")) {
      return url;
    }
    if (url.startsWith("postgres://")) {
      return "jdbc:postgresql://" + url.substring("postgres://".length());
    }
    return "jdbc:" + url;
  }

  private static String redacted(String url) {
    return url.replaceAll("//[^@/]*@", "//***@");
  }

  @Override
  public <T> T withConnection(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      return work.run(c);
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }

  @Override
  public <T> T inTransaction(Work<T> work) {
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(e.getMessage(), e);
    }
  }

  @Override
  public boolean ping() {
    try {
      return withConnection(c -> c.isValid(2));
    } catch (StoreException e) {
      return false;
    }
  }

  @Override
  public void close() {
    pool.close();
  }
}
