package io.pma.store;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pma.TestServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The modes of what a real server writes: the data directory 0700 and pma.db, its -wal and -shm,
 * and jwt.secret 0600, whether the server creates them or finds them with looser modes.
 */
class DataDirectoryModesTest {
  private final Logger log = (Logger) LoggerFactory.getLogger(PrivateFiles.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @AfterEach
  void detach() {
    log.detachAppender(logged);
  }

  @Test
  @DisplayName("a new data directory is 0700 and every file the server writes in it is 0600")
  void freshDirectory() throws IOException {
    Path data = Files.createTempDirectory("pma-modes").resolve("data");
    try (TestServer server = TestServer.start(data, Map.of())) {
      server.adminToken(); // a login writes to the database, so the WAL holds something
      assertPrivate(data);
    }
  }

  @Test
  @DisplayName("an existing directory and files open to others are tightened, with one warning")
  void tightensExisting() throws IOException {
    Path data = Files.createTempDirectory("pma-modes").resolve("data");
    try (TestServer server = TestServer.start(data, Map.of())) {
      server.adminToken();
    }
    Files.setPosixFilePermissions(data, PosixFilePermissions.fromString("rwxr-xr-x"));
    for (String name : new String[] {"pma.db", "jwt.secret"}) {
      Files.setPosixFilePermissions(data.resolve(name),
          PosixFilePermissions.fromString("rw-r--r--"));
    }
    logged.start();
    log.addAppender(logged);
    try (TestServer server = TestServer.start(data, Map.of())) {
      server.adminToken();
      assertPrivate(data);
    }
    assertThat(logged.list).filteredOn(e -> e.getLevel() == Level.WARN).singleElement()
        .satisfies(e -> assertThat(e.getFormattedMessage()).contains(
            "pma.db (was rw-r--r--)", "jwt.secret (was rw-r--r--)", data + " (was rwxr-xr-x)"));
  }

  private static void assertPrivate(Path data) throws IOException {
    assertThat(mode(data)).isEqualTo("rwx------");
    for (String name : new String[] {"pma.db", "pma.db-wal", "pma.db-shm", "jwt.secret"}) {
      assertThat(data.resolve(name)).exists();
      assertThat(mode(data.resolve(name))).as(name).isEqualTo("rw-------");
    }
    try (Stream<Path> files = Files.list(data)) {
      files.forEach(file -> assertThat(mode(file)).as(file.toString()).endsWith("------"));
    }
  }

  private static String mode(Path path) {
    try {
      return PosixFilePermissions.toString(Files.getPosixFilePermissions(path));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
