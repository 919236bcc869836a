package io.pma.adapter.mqtt;

import io.pma.LocalPorts;
import io.pma.Prerequisites;
import io.pma.Processes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Mosquitto broker for tests: its own process on a free loopback port with a temporary
 * config, killed (SIGKILL) and restarted on demand. Needs the {@code mosquitto} package
 * ({@code .ci/run} installs it).
 */
public final class Mosquitto implements AutoCloseable {
  private final Path dir;
  private final int port;
  private Process process;

  private Mosquitto(Path dir, int port) {
    this.dir = dir;
    this.port = port;
  }

  public static Mosquitto start() {
    return start("");
  }

  /** A broker with more configuration after its plain listener, e.g. a second (TLS) listener. */
  public static Mosquitto start(String moreConfig) {
    binary();
    try {
      Path dir = Files.createTempDirectory("pma-mosquitto");
      int port = LocalPorts.free();
      Files.writeString(dir.resolve("mosquitto.conf"), "per_listener_settings false\n"
          + "listener " + port + " 127.0.0.1\n"
          + "allow_anonymous true\npersistence false\nmax_queued_messages 100000\n"
          + moreConfig);
      Mosquitto broker = new Mosquitto(dir, port);
      broker.launch();
      return broker;
    } catch (IOException e) {
      throw new IllegalStateException("cannot prepare mosquitto", e);
    }
  }

  private static String binary() {
    return Prerequisites.program("mosquitto", "mosquitto", "/usr/sbin/mosquitto",
        "/usr/local/sbin/mosquitto");
  }

  private void launch() throws IOException {
    process = new ProcessBuilder(binary(), "-c", dir.resolve("mosquitto.conf").toString())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("mosquitto.log").toFile()))
        .start();
    if (LocalPorts.awaitListening(port, Duration.ofSeconds(10), process::isAlive)) {
      return;
    }
    if (!process.isAlive()) {
      throw new IllegalStateException("mosquitto exited: "
          + Files.readString(dir.resolve("mosquitto.log")));
    }
    throw new IllegalStateException("mosquitto did not listen on " + port);
  }

  public int port() {
    return port;
  }

  public String url() {
    return "mqtt://127.0.0.1:" + port;
  }

  /** SIGKILL: the broker vanishes without closing anything, retained messages included. */
  public void kill() {
    Processes.end(process, false);
  }

  /** Starts the broker again on the same port (empty: it kept nothing). */
  public void restart() {
    try {
      launch();
    } catch (IOException e) {
      throw new IllegalStateException("cannot restart mosquitto", e);
    }
  }

  @Override
  public void close() {
    kill();
  }
}
