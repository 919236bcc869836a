package io.pma.store.sql;

import io.pma.store.StoreException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.OptionalInt;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationInfoService;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a database's schema up to date with Flyway: versioned scripts from the classpath
 * ({@code db/<dialect>/V<n>__<name>.sql}), each applied once, in order, in its own transaction,
 * and recorded with its checksum in {@code flyway_schema_history}. A script is never edited once
 * released (the checksum check refuses a database migrated with a different one); a new one takes
 * the next number. SQLite and PostgreSQL keep their own folders so that they may differ.
 *
 * <p>Two refusals keep data safe: a script changed after it was applied, and a database whose
 * schema is newer than this build (a downgrade) — PMA stops with one line instead of guessing.
 * Databases of releases before Flyway (a {@code schema_version} table) are baselined at the
 * version they record, so their scripts are not applied twice.
 */
public final class Migrations {
  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  /** The dialects, each a folder of scripts under {@code db/}. */
  public enum Dialect {
    SQLITE("sqlite"), POSTGRES("postgres");

    private final String folder;

    Dialect(String folder) {
      this.folder = folder;
    }

    public String location() {
      return "classpath:db/" + folder;
    }
  }

  private Migrations() {}

  /** Migrates the database behind {@code dataSource}; a refusal becomes a one-line StoreException. */
  public static void apply(DataSource dataSource, Dialect dialect) {
    OptionalInt legacy = legacyVersion(dataSource);
    var configuration = Flyway.configure(Migrations.class.getClassLoader())
        .dataSource(dataSource)
        .locations(dialect.location())
        // A script missing from the build or one newer than it is a refusal, never skipped.
        .ignoreMigrationPatterns("")
        .validateMigrationNaming(true);
    if (legacy.isPresent()) {
      configuration.baselineOnMigrate(true).baselineVersion(Integer.toString(legacy.getAsInt()))
          .baselineDescription("schema_version " + legacy.getAsInt());
    }
    Flyway flyway = configuration.load();
    try {
      MigrateResult result = migrate(flyway);
      if (result.migrationsExecuted > 0) {
        LOG.info("database migrated from version {} to {} ({} scripts)",
            result.initialSchemaVersion == null ? "empty" : result.initialSchemaVersion,
            result.targetSchemaVersion, result.migrationsExecuted);
      }
    } catch (FlywayException e) {
      throw new StoreException("database migration refused: " + oneLine(e.getMessage()), e);
    }
  }

  /**
   * Flyway's validation refuses a schema newer than this build too, in its own words; only then is
   * the schema read again to say it in PMA's (reading it before every migration cost ~30 ms of each
   * start).
   */
  private static MigrateResult migrate(Flyway flyway) {
    try {
      return flyway.migrate();
    } catch (FlywayException e) {
      refuseNewerSchema(flyway.info());
      throw e;
    }
  }

  private static void refuseNewerSchema(MigrationInfoService info) {
    MigrationInfo[] future = Arrays.stream(info.applied())
        .filter(m -> m.getState() == MigrationState.FUTURE_SUCCESS
            || m.getState() == MigrationState.FUTURE_FAILED)
        .toArray(MigrationInfo[]::new);
    if (future.length > 0) {
      String newest = future[future.length - 1].getVersion().getVersion();
      throw new StoreException("the database schema is at version " + newest + ", newer than this"
          + " build knows (" + latestResolved(info) + "): run the newer PMA that wrote it, or"
          + " restore the backup taken before the upgrade (docs/OPERATIONS.md)", null);
    }
  }

  private static String latestResolved(MigrationInfoService info) {
    return Arrays.stream(info.all())
        .filter(m -> m.getState() != MigrationState.FUTURE_SUCCESS
            && m.getState() != MigrationState.FUTURE_FAILED && m.getVersion() != null)
        .reduce((a, b) -> b).map(m -> m.getVersion().getVersion()).orElse("none");
  }

  /** The version recorded by the migration runner PMA used before Flyway, if this database has one. */
  private static OptionalInt legacyVersion(DataSource dataSource) {
    try (Connection c = dataSource.getConnection()) {
      if (hasTable(c, "flyway_schema_history") || !hasTable(c, "schema_version")) {
        return OptionalInt.empty();
      }
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT MAX(version) FROM schema_version")) {
        return rs.next() && rs.getInt(1) > 0 ? OptionalInt.of(rs.getInt(1)) : OptionalInt.empty();
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the schema version: " + e.getMessage(), e);
    }
  }

  private static boolean hasTable(Connection c, String name) throws SQLException {
    try (ResultSet rs = c.getMetaData().getTables(null, null, name, null)) {
      return rs.next();
    }
  }

  private static String oneLine(String message) {
    return message == null ? "" : message.strip().replaceAll("\\s*\\n\\s*", " ");
  }
}
