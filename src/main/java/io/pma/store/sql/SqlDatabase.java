package io.pma.store.sql;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * A relational database the repositories in this package run on: SQLite (one file, the default) or
 * PostgreSQL (shared by the nodes of a cluster). The schema and the SQL are kept to what both
 * understand, so one set of repositories serves both. Blocking: call from worker threads.
 */
public interface SqlDatabase extends AutoCloseable {

  /** A unit of work run on a connection. */
  interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs {@code work} on a connection (auto-commit); SQL errors become {@code StoreException}. */
  <T> T withConnection(Work<T> work);

  /**
   * Runs {@code work}, which only reads, on a connection that may be used beside the writers'
   * (long reads such as history then neither wait for writes nor hold them up). By default the
   * same as {@link #withConnection}, which is right for a pool.
   */
  default <T> T read(Work<T> work) {
    return withConnection(work);
  }

  /** Runs {@code work} in one transaction, rolled back when it throws. */
  <T> T inTransaction(Work<T> work);

  /** True when a trivial query answers. */
  boolean ping();

  @Override
  void close();

  /** Whether an insert failed on a unique or primary key constraint, in either database. */
  static boolean isUniqueViolation(SQLException e) {
    return "23505".equals(e.getSQLState())
        || (e.getMessage() != null && e.getMessage().contains("UNIQUE constraint failed"));
  }
}
