package io.pma.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.store.User;
import io.pma.store.sql.SqlUserStore;
import io.pma.store.sqlite.SqliteDatabase;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The admin account of a first start, hashed off the starting thread. */
class FirstStartTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-04T10:00:00Z"),
      ZoneOffset.UTC);
  private final Passwords passwords = new Passwords(4);

  @TempDir
  Path dir;
  private SqliteDatabase database;
  private SqlUserStore users;

  @BeforeEach
  void open() {
    database = new SqliteDatabase(dir.resolve("pma.db"));
    users = new SqlUserStore(database);
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  @DisplayName("no users: admin is created with the configured password, on a thread of its own")
  void createsTheAdmin() throws Exception {
    Optional<User> created = FirstStart.ensureAdmin(users, passwords, PasswordPolicy.standard(),
        "first-start-pw-9", CLOCK).get(10, TimeUnit.SECONDS);
    User admin = users.findByUsername("admin").orElseThrow();
    assertThat(created).contains(admin);
    assertThat(admin.roles()).contains(Role.ADMIN, Role.USER);
    assertThat(passwords.matchesOrBurn("first-start-pw-9", admin.passwordHash())).isTrue();
  }

  @Test
  @DisplayName("users exist: nothing is created and the result is empty at once")
  void leavesExistingUsers() throws Exception {
    users.insert(new User("u-1", "owner", passwords.hash("owner-pw-12"), Set.of(Role.ADMIN),
        false, CLOCK.instant(), 0));
    var result = FirstStart.ensureAdmin(users, passwords, PasswordPolicy.standard(),
        "first-start-pw-9", CLOCK);
    assertThat(result).isCompletedWithValue(Optional.empty());
    assertThat(users.findByUsername("admin")).isEmpty();
  }

  @Test
  @DisplayName("no password configured: one is generated, printed once, and it signs in")
  void generatesAndPrintsAPassword() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream console = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      FirstStart.ensureAdmin(users, passwords, PasswordPolicy.standard(), null, CLOCK)
          .get(10, TimeUnit.SECONDS);
    } finally {
      System.setOut(console);
    }
    Matcher line = Pattern.compile("created user 'admin' with password: (\\S+)")
        .matcher(printed.toString(StandardCharsets.UTF_8));
    assertThat(line.find()).isTrue();
    User admin = users.findByUsername("admin").orElseThrow();
    assertThat(passwords.matchesOrBurn(line.group(1), admin.passwordHash())).isTrue();
  }
}
