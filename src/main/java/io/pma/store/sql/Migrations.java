package io.pma.store.sql;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's schema up to date with numbered scripts from the classpath
 * ({@code /db/<dialect>/V<n>__<name>.sql}), each applied once, in order, in its own transaction,
 * and recorded in {@code schema_version}. A new script is appended to the dialect's list and never
 * edited afterwards; SQLite and PostgreSQL keep their own lists so that they may differ.
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /** SQLite's and PostgreSQL's scripts, in order. */
  public static final List<String> SQLITE = List.of("V1__core.sql", "V2__accounts.sql",
      "V3__automations.sql", "V4__automation_run_order.sql", "V5__notifications.sql",
      "V6__token_lineage.sql");
  public static final List<String> POSTGRES = List.of("V1__core.sql", "V2__accounts.sql",
      "V3__automations.sql", "V4__automation_run_order.sql", "V5__notifications.sql",
      "V6__token_lineage.sql");

  private Migrations() {}

  public static void apply(Connection connection, String dialect, List<String> scripts)
      throws SQLException, IOException {
    try (Statement s = connection.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
          + " applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");
    }
    int current;
    try (Statement s = connection.createStatement()) {
      var rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM schema_version");
      current = rs.next() ? rs.getInt(1) : 0;
    }
    for (int version = current + 1; version <= scripts.size(); version++) {
      applyOne(connection, dialect, version, scripts.get(version - 1));
    }
  }

  private static void applyOne(Connection connection, String dialect, int version, String script)
      throws SQLException, IOException {
    String sql;
    try (InputStream in = Migrations.class.getResourceAsStream("/db/" + dialect + "/" + script)) {
      if (in == null) {
        throw new IOException("migration " + dialect + "/" + script + " missing from the build");
      }
      sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    boolean autoCommit = connection.getAutoCommit();
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
      connection.setAutoCommit(autoCommit);
    }
  }
}
