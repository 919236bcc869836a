package io.pma.cluster;

import io.pma.LocalPorts;
import io.pma.Prerequisites;
import io.pma.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real redis-server owned by a test: its own free port and directory, and an append-only file
 * synced on every write (as a cluster should run it), so that it can be killed and started again
 * on the same port with its data, to test what nodes do while Redis is gone.
 */
public final class RedisProcess implements AutoCloseable {
  private final int port;
  private final Path dir;
  private final Thread reaper = new Thread(this::kill);
  private Process process;

  private RedisProcess(int port, Path dir) {
    this.port = port;
    this.dir = dir;
  }

  public static RedisProcess start() {
    Prerequisites.program("redis-server", "redis-server");
    try {
      RedisProcess redis = new RedisProcess(LocalPorts.free(), Files.createTempDirectory("pma-redis"));
      // A test JVM that is stopped early must not leave its redis-server behind.
      Runtime.getRuntime().addShutdownHook(redis.reaper);
      redis.launch();
      return redis;
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public String url() {
    return "redis://127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Starts (again) on the same port; returns when it accepts connections. */
  public void launch() {
    try {
      process = new ProcessBuilder(Prerequisites.program("redis-server", "redis-server"), "--port", Integer.toString(port),
          "--bind", "127.0.0.1", "--save", "", "--appendonly", "yes", "--appendfsync", "always", "--dir",
          dir.toString())
          .redirectErrorStream(true).redirectOutput(dir.resolve("redis.log").toFile()).start();
    } catch (IOException e) {
      throw new IllegalStateException("redis-server cannot start (is it installed?)", e);
    }
    if (!LocalPorts.awaitListening(port, Duration.ofSeconds(10), process::isAlive)) {
      throw new IllegalStateException("redis-server did not open port " + port);
    }
  }

  /** Kills it at once (SIGKILL), as a crash would. */
  public void kill() {
    Processes.end(process, false);
  }

  @Override
  public void close() {
    kill();
    try {
      Runtime.getRuntime().removeShutdownHook(reaper);
    } catch (IllegalStateException shuttingDown) {
      // the hook runs anyway
    }
    Processes.deleteTree(dir);
  }
}
