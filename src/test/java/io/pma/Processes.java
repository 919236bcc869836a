package io.pma;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** Ending the programs tests start (PMA, Redis, PostgreSQL, Mosquitto, Chromium) and their files. */
public final class Processes {
  private Processes() {}

  /**
   * Ends {@code process}: SIGTERM when {@code gently} (a clean shutdown), else SIGKILL (a crash);
   * then waits for it at most 10 s.
   */
  public static void end(Process process, boolean gently) {
    if (gently) {
      process.destroy();
    } else {
      process.destroyForcibly();
    }
    try {
      process.waitFor(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Deletes {@code root} and everything below it; a temporary file left behind is harmless. */
  public static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary directory left behind is harmless
    }
  }
}
