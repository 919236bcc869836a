package io.pma.store.sql;

import io.pma.store.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

  /** Reads the current row of a result into a value. */
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
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

  /** Every row {@code sql} selects with {@code parameters}, each read by {@code reader}. */
  default <T> List<T> list(String sql, RowReader<T> reader, Object... parameters) {
    return withConnection(c -> query(c, sql, reader, parameters));
  }

  /** The first row {@code sql} selects with {@code parameters}, read by {@code reader}. */
  default <T> Optional<T> first(String sql, RowReader<T> reader, Object... parameters) {
    return withConnection(c -> queryFirst(c, sql, reader, parameters));
  }

  /** Runs a statement that changes rows, with {@code parameters}; how many rows it changed. */
  default int update(String sql, Object... parameters) {
    return withConnection(c -> update(c, sql, parameters));
  }

  /**
   * Inserts a row with {@code parameters}; a row with the same unique key makes a
   * {@link StoreException} saying {@code whenTaken}.
   */
  default void insertUnique(String sql, String whenTaken, Object... parameters) {
    withConnection(c -> {
      try {
        return update(c, sql, parameters);
      } catch (SQLException e) {
        if (isUniqueViolation(e)) {
          throw new StoreException(whenTaken, e);
        }
        throw e;
      }
    });
  }

  /** As {@link #list}, on a connection the caller holds (a transaction, a read connection). */
  static <T> List<T> query(Connection c, String sql, RowReader<T> reader, Object... parameters)
      throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, parameters); ResultSet rs = ps.executeQuery()) {
      List<T> rows = new ArrayList<>();
      while (rs.next()) {
        rows.add(reader.read(rs));
      }
      return rows;
    }
  }

  /** As {@link #first}, on a connection the caller holds; also empty when the value is null. */
  static <T> Optional<T> queryFirst(Connection c, String sql, RowReader<T> reader,
      Object... parameters) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, parameters); ResultSet rs = ps.executeQuery()) {
      return rs.next() ? Optional.ofNullable(reader.read(rs)) : Optional.<T>empty();
    }
  }

  /** As {@link #update(String, Object...)}, on a connection the caller holds. */
  static int update(Connection c, String sql, Object... parameters) throws SQLException {
    try (PreparedStatement ps = prepare(c, sql, parameters)) {
      return ps.executeUpdate();
    }
  }

  private static PreparedStatement prepare(Connection c, String sql, Object... parameters)
      throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      for (int i = 0; i < parameters.length; i++) {
        ps.setObject(i + 1, parameters[i]);
      }
      return ps;
    } catch (SQLException e) {
      ps.close();
      throw e;
    }
  }

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
