package io.pma.cli;

import io.pma.auth.FirstStart;
import io.pma.auth.Passwords;
import io.pma.config.PmaConfig;
import io.pma.store.DataDirectoryLock;
import io.pma.store.Databases;
import io.pma.store.StoreException;
import io.pma.store.User;
import io.pma.store.sql.SqlDatabase;
import io.pma.store.sql.SqlUserStore;
import io.pma.store.sqlite.SqliteBackup;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The commands that work on PMA's data without a server: resetting a password (PMA stopped, the
 * data directory locked meanwhile) and writing a backup (PMA running or not). Each returns the
 * process exit code and writes one line per outcome.
 */
public final class AdminCommands {
  /** The shortest password PMA accepts anywhere (UserAdmin's rule). */
  private static final int MIN_PASSWORD = 8;

  private final PmaConfig config;
  private final PrintStream out;
  private final PrintStream err;

  public AdminCommands(PmaConfig config, PrintStream out, PrintStream err) {
    this.config = config;
    this.out = out;
    this.err = err;
  }

  /**
   * Sets a new password for {@code username}: {@code PMA_ADMIN_PASSWORD} when given, else a random
   * one printed once. Moving the password also ends the user's open sessions (token epoch).
   */
  public int resetPassword(String username) {
    String configured = config.auth().adminPassword();
    boolean generated = configured == null || configured.isEmpty();
    if (!generated && configured.length() < MIN_PASSWORD) {
      err.println("pma: PMA_ADMIN_PASSWORD must have at least " + MIN_PASSWORD + " characters");
      return 2;
    }
    String password = generated ? FirstStart.randomPassword() : configured;
    try (DataDirectoryLock lock = DataDirectoryLock.acquire(Path.of(config.storage().dataDir()));
        SqlDatabase database = open()) {
      SqlUserStore users = new SqlUserStore(database);
      Optional<User> user = users.findByUsername(username);
      if (user.isEmpty()) {
        err.println("pma: no user '" + username + "' in " + where());
        return 1;
      }
      users.update(user.get().withPassword(new Passwords(10).hash(password)));
    } catch (StoreException e) {
      err.println("pma: " + e.getMessage());
      return 1;
    }
    if (generated) {
      out.println("New password for '" + username + "': " + password);
    } else {
      out.println("Password for '" + username + "' set from PMA_ADMIN_PASSWORD.");
    }
    out.println("Open sessions and tokens issued by logging in as '" + username + "' have ended.");
    return 0;
  }

  /** Writes a consistent copy of the SQLite database to {@code target}. */
  public int backup(Path target) {
    if (config.storage().postgres()) {
      err.println("pma: storage is PostgreSQL: back it up with pg_dump, e.g. pg_dump"
          + " --format=custom --file=pma.dump '<storage.postgres_url>' (docs/OPERATIONS.md)");
      return 2;
    }
    try {
      SqliteBackup.write(Path.of(config.storage().sqliteFile()), target);
    } catch (StoreException e) {
      err.println("pma: " + e.getMessage());
      return 1;
    }
    out.println("Backup of " + config.storage().sqliteFile() + " written to " + target);
    return 0;
  }

  private SqlDatabase open() {
    return Databases.open(config.storage(), 1);
  }

  private String where() {
    return config.storage().postgres() ? "the PostgreSQL database"
        : config.storage().sqliteFile();
  }
}
