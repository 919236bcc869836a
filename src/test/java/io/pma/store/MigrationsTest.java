package io.pma.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pma.auth.Role;
import io.pma.cluster.PostgresProcess;
import io.pma.store.postgres.PostgresDatabase;
import io.pma.store.sql.Migrations;
import io.pma.store.sql.SqlDatabase;
import io.pma.store.sql.SqlUserStore;
import io.pma.store.sqlite.SqliteDatabase;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Schema migrations on SQLite and a real PostgreSQL: upgrades keep data (from the runner of the
 * releases before Flyway, and from an older Flyway version), a changed script and a schema newer
 * than the build are refused with one clear line.
 */
class MigrationsTest {
  private static final Instant T = Instant.parse("2026-01-01T12:00:00Z");

  /** One database of a dialect: a JDBC URL to prepare it with, and how PMA opens it. */
  record Target(String name, String jdbcUrl, Migrations.Dialect dialect, String pmaUrl) {
    SqlDatabase open() {
      return dialect == Migrations.Dialect.SQLITE
          ? new SqliteDatabase(Path.of(jdbcUrl.substring("jdbc:sqlite:".length())))
          : new PostgresDatabase(pmaUrl, 2);
    }

    Connection connect() throws SQLException {
      return DriverManager.getConnection(jdbcUrl);
    }

    String folder() {
      return dialect == Migrations.Dialect.SQLITE ? "sqlite" : "postgres";
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> targets() {
    return Stream.of(Arguments.of(new TargetSupplier("sqlite")),
        Arguments.of(new TargetSupplier("postgres")));
  }

  /** Creates the database lazily, so that PostgreSQL starts only for its own cases. */
  record TargetSupplier(String name) {
    Target get() {
      if (name.equals("sqlite")) {
        try {
          Path file = Files.createTempDirectory("pma-migrations").resolve("pma.db");
          return new Target(name, "jdbc:sqlite:" + file, Migrations.Dialect.SQLITE, null);
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }
      String url = PostgresProcess.shared().newDatabase();
      return new Target(name, "jdbc:" + url, Migrations.Dialect.POSTGRES, url);
    }

    @Override
    public String toString() {
      return name;
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  @DisplayName("a database of the release before Flyway (schema_version) is baselined and keeps its users")
  void upgradeFromTheRunnerBeforeFlyway(TargetSupplier supplier) throws Exception {
    Target target = supplier.get();
    try (Connection c = target.connect()) {
      applyLikeThePreviousRelease(c, target.folder());
    }
    try (SqlDatabase database = target.open()) {
      User admin = new SqlUserStore(database).findByUsername("admin").orElseThrow();
      assertThat(admin.roles()).contains(Role.ADMIN);
      assertThat(new SqlUserStore(database).count()).isEqualTo(1);
    }
    try (Connection c = target.connect(); Statement s = c.createStatement()) {
      var rs = s.executeQuery("SELECT type FROM flyway_schema_history ORDER BY installed_rank");
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString(1)).isEqualTo("BASELINE");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  @DisplayName("a database at an older Flyway version migrates to the newest and keeps its data")
  void upgradeFromAnOlderVersion(TargetSupplier supplier) throws Exception {
    Target target = supplier.get();
    List<String> scripts = scripts(target.folder());
    String previous = Integer.toString(scripts.size() - 1);
    Flyway.configure().dataSource(target.jdbcUrl(), null, null)
        .locations(target.dialect().location()).target(previous).load().migrate();
    try (Connection c = target.connect()) {
      insertAdmin(c);
    }
    try (SqlDatabase database = target.open()) {
      assertThat(new SqlUserStore(database).findByUsername("admin")).isPresent();
    }
    try (Connection c = target.connect(); Statement s = c.createStatement()) {
      var rs = s.executeQuery("SELECT MAX(installed_rank), COUNT(*) FROM flyway_schema_history"
          + " WHERE success");
      rs.next();
      assertThat(rs.getInt(2)).isEqualTo(scripts.size());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  @DisplayName("a script changed after it was applied is refused (checksum)")
  void changedScriptIsRefused(TargetSupplier supplier) throws Exception {
    Target target = supplier.get();
    migrateThenRun(target, "UPDATE flyway_schema_history SET checksum = 42 WHERE version = '2'");
    assertThatThrownBy(target::open).isInstanceOf(StoreException.class)
        .hasMessageContaining("database migration refused")
        .hasMessageContaining("checksum")
        .hasMessageNotContaining("\n");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  @DisplayName("a schema newer than the build is refused with one line naming both versions")
  void newerSchemaIsRefused(TargetSupplier supplier) throws Exception {
    Target target = supplier.get();
    migrateThenRun(target, "INSERT INTO flyway_schema_history (installed_rank, version,"
        + " description, type, script, checksum, installed_by, execution_time, success) VALUES"
        + " (999, '999', 'from the future', 'SQL', 'V999__from_the_future.sql', 1, 'pma', 1, "
        + (target.dialect() == Migrations.Dialect.SQLITE ? "1" : "true") + ")");
    List<String> scripts = scripts(target.folder());
    int newest = number(scripts.get(scripts.size() - 1));
    assertThatThrownBy(target::open).isInstanceOf(StoreException.class)
        .hasMessageContaining("the database schema is at version 999, newer than this build knows ("
            + newest + ")")
        .hasMessageNotContaining("\n");
  }

  /** Migrates {@code target}'s database, then changes it behind the migrations' back. */
  private static void migrateThenRun(Target target, String sql) throws Exception {
    target.open().close();
    try (Connection c = target.connect(); Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  /** The scripts of a dialect in order, as this build ships them. */
  private static List<String> scripts(String folder) throws IOException {
    Path dir = Path.of("src/main/resources/db", folder);
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.matches("V\\d+__.*\\.sql"))
          .sorted((a, b) -> Integer.compare(number(a), number(b))).toList();
    }
  }

  private static int number(String script) {
    return Integer.parseInt(script.substring(1, script.indexOf("__")));
  }

  /**
   * What the runner of the releases before Flyway did: every script split on ";" at a line end,
   * then its number in {@code schema_version}; and the admin its first start created.
   */
  private static void applyLikeThePreviousRelease(Connection c, String folder) throws Exception {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY,"
          + " applied_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP)");
      List<String> scripts = new ArrayList<>(scripts(folder));
      for (int i = 0; i < scripts.size(); i++) {
        String sql;
        try (InputStream in = Files.newInputStream(
            Path.of("src/main/resources/db", folder, scripts.get(i)))) {
          sql = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String statement : sql.split(";\\s*\\n")) {
          if (!statement.isBlank()) {
            s.execute(statement);
          }
        }
        s.execute("INSERT INTO schema_version(version) VALUES (" + number(scripts.get(i))
            + ")");
      }
    }
    insertAdmin(c);
  }

  private static void insertAdmin(Connection c) throws SQLException {
    new SqlUserStore(new OneConnection(c)).insert(new User("u-1", "admin", "$2a$10$hash",
        Set.of(Role.ADMIN, Role.USER), false, T, 0));
  }

  /** The repositories on one plain connection, to write the data an older release left. */
  private record OneConnection(Connection connection) implements SqlDatabase {
    @Override
    public <T> T withConnection(Work<T> work) {
      try {
        return work.run(connection);
      } catch (SQLException e) {
        throw new StoreException(e.getMessage(), e);
      }
    }

    @Override
    public <T> T inTransaction(Work<T> work) {
      return withConnection(work);
    }

    @Override
    public boolean ping() {
      return true;
    }

    @Override
    public void close() {}
  }
}
