package io.pma.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.auth.Passwords;
import io.pma.auth.Role;
import io.pma.cluster.PostgresProcess;
import io.pma.config.ConfigLoader;
import io.pma.config.PmaConfig;
import io.pma.store.User;
import io.pma.store.postgres.PostgresDatabase;
import io.pma.store.sql.SqlUserStore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The offline commands on PostgreSQL (SQLite: OperationsTest runs them as processes). */
class AdminCommandsTest {
  @TempDir
  Path dir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private AdminCommands commands(PmaConfig config) {
    return new AdminCommands(config, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  @Test
  @DisplayName("reset-password works on a PostgreSQL database and moves the token epoch")
  void resetPasswordOnPostgres() {
    String url = PostgresProcess.shared().newDatabase();
    long epoch;
    try (PostgresDatabase database = new PostgresDatabase(url, 1)) {
      SqlUserStore users = new SqlUserStore(database);
      users.insert(new User("u-1", "admin", new Passwords(4).hash("old-pw-12"),
          Set.of(Role.ADMIN, Role.USER), false, Instant.parse("2026-01-01T00:00:00Z"), 0));
      epoch = users.findByUsername("admin").orElseThrow().tokenEpoch();
    }
    PmaConfig config = ConfigLoader.load(null, Map.of("PMA_STORAGE_TYPE", "postgres",
        "PMA_STORAGE_POSTGRES_URL", url, "PMA_STORAGE_DATA_DIR", dir.toString(),
        "PMA_ADMIN_PASSWORD", "new-password-1"));
    assertThat(commands(config).resetPassword("admin")).isZero();
    assertThat(out.toString()).contains("Password for 'admin' set from PMA_ADMIN_PASSWORD.");
    try (PostgresDatabase database = new PostgresDatabase(url, 1)) {
      User admin = new SqlUserStore(database).findByUsername("admin").orElseThrow();
      assertThat(new Passwords(4).matchesOrBurn("new-password-1", admin.passwordHash())).isTrue();
      assertThat(admin.tokenEpoch()).isEqualTo(epoch + 1);
    }
  }

  @Test
  @DisplayName("backup on PostgreSQL refuses with exit 2 and the pg_dump advice")
  void backupOnPostgres() {
    PmaConfig config = ConfigLoader.load(null, Map.of("PMA_STORAGE_TYPE", "postgres",
        "PMA_STORAGE_POSTGRES_URL", "postgresql://127.0.0.1:1/none",
        "PMA_STORAGE_DATA_DIR", dir.toString()));
    assertThat(commands(config).backup(dir.resolve("copy.db"))).isEqualTo(2);
    assertThat(err.toString()).startsWith("pma: storage is PostgreSQL: back it up with pg_dump");
  }

  @Test
  @DisplayName("a PMA_ADMIN_PASSWORD shorter than 8 characters is refused before anything changes")
  void shortPassword() {
    PmaConfig config = ConfigLoader.load(null, Map.of("PMA_STORAGE_DATA_DIR", dir.toString(),
        "PMA_ADMIN_PASSWORD", "short"));
    assertThat(commands(config).resetPassword("admin")).isEqualTo(2);
    assertThat(err.toString().strip())
        .isEqualTo("pma: PMA_ADMIN_PASSWORD must have at least 8 characters");
  }

  @Test
  @DisplayName("the command line parses each command and its options, and names what it rejects")
  void parse() {
    assertThat(Command.parse()).isEqualTo(new Command.Serve(null));
    assertThat(Command.parse("--config", "p.yaml", "admin", "reset-password", "--user", "bob"))
        .isEqualTo(new Command.ResetPassword(Path.of("p.yaml"), "bob"));
    assertThat(Command.parse("admin", "reset-password", "--user=eve"))
        .isEqualTo(new Command.ResetPassword(null, "eve"));
    assertThat(Command.parse("backup", "x.db", "--config=c.yaml"))
        .isEqualTo(new Command.Backup(Path.of("c.yaml"), Path.of("x.db")));
    assertThat(Command.parse("backup")).isEqualTo(
        new Command.UsageError("backup takes one argument: the file to write"));
    assertThat(Command.parse("admin", "reset-password", "--force")).isEqualTo(
        new Command.UsageError("admin reset-password takes only --user NAME"));
    assertThat(Command.parse("--config")).isEqualTo(new Command.UsageError("--config needs a file"));
    assertThat(Command.parse("serve", "--help")).isEqualTo(new Command.Help());
  }
}
