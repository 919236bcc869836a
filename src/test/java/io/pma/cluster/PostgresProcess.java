package io.pma.cluster;

import io.pma.Await;
import io.pma.LocalPorts;
import io.pma.Prerequisites;
import io.pma.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real PostgreSQL server owned by the tests: initdb into a temporary directory, started on a
 * free loopback port (as the {@code postgres} user when the tests run as root, which PostgreSQL
 * refuses to run as), durability switched off for speed. One per JVM; each test takes a fresh
 * database of its own.
 */
public final class PostgresProcess {
  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static PostgresProcess shared;

  private final int port;

  private PostgresProcess(int port) {
    this.port = port;
  }

  /** The server of this JVM, started on first use and stopped when the JVM exits. */
  public static synchronized PostgresProcess shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  private static PostgresProcess start() {
    bin("initdb");
    bin("postgres");
    try {
      Path dir = Files.createTempDirectory("pma-pg");
      Path data = dir.resolve("data");
      boolean root = "root".equals(System.getProperty("user.name"));
      if (root) {
        run(List.of("chown", "-R", "postgres", dir.toString()));
      }
      run(command(root, bin("initdb"), "-D", data.toString(), "-A", "trust", "-U", "pma",
          "-E", "UTF8", "--no-sync"));
      int port = LocalPorts.free();
      Process process = new ProcessBuilder(command(root, bin("postgres"), "-D", data.toString(),
          "-p", Integer.toString(port), "-k", dir.toString(), "-c", "listen_addresses=127.0.0.1",
          "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off",
          "-c", "max_connections=300"))
          .redirectErrorStream(true).redirectOutput(dir.resolve("postgres.log").toFile()).start();
      if (!LocalPorts.awaitListening(port, Duration.ofSeconds(30), process::isAlive)) {
        throw new IOException("postgres did not open port " + port);
      }
      awaitQueries(port);
      // At JVM exit: stop the server (fast shutdown on SIGTERM), then remove its files.
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        Processes.end(process, true);
        Processes.deleteTree(dir);
      }));
      return new PostgresProcess(port);
    } catch (IOException e) {
      throw new IllegalStateException("PostgreSQL cannot start (is it installed?)", e);
    }
  }

  /** A new, empty database; its URL in the form {@code storage.postgres_url} takes. */
  public String newDatabase() {
    String name = "pma_test_" + DATABASES.incrementAndGet();
    try (Connection c = DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=pma");
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create database " + name, e);
    }
    return "postgresql://127.0.0.1:" + port + "/" + name + "?user=pma";
  }

  private static List<String> command(boolean root, String... args) {
    List<String> command = new ArrayList<>();
    if (root) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.addAll(List.of(args));
    return command;
  }

  /** The server binaries: Debian keeps them under /usr/lib/postgresql/<version>/bin. */
  private static String bin(String name) {
    return Prerequisites.program(name, "postgresql", "/usr/lib/postgresql/*/bin/" + name);
  }

  private static void run(List<String> command) throws IOException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes());
    try {
      if (p.waitFor() != 0) {
        throw new IOException(String.join(" ", command) + " failed: " + output);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }

  /** The port opens before recovery ends ("the database system is starting up"). */
  private static void awaitQueries(int port) {
    Await.until("postgres on port " + port + " to answer queries", Duration.ofSeconds(30),
        () -> answers(port));
  }

  private static boolean answers(int port) {
    try (Connection c = DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/postgres?user=pma")) {
      return true;
    } catch (SQLException notYet) {
      return false;
    }
  }
}
