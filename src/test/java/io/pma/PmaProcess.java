package io.pma;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * PMA as a user runs it: {@code io.pma.Main} in a JVM of its own with this build's class path,
 * an environment of only the given {@code PMA_*} variables, and its output (stdout and stderr
 * together) in a file the test can read. Killed at the end if still running.
 */
public final class PmaProcess implements AutoCloseable {
  private final Process process;
  private final Path output;

  private PmaProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  /** Starts {@code pma args...} with {@code env} as its only PMA_* variables. */
  public static PmaProcess start(Map<String, String> env, String... args) {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp",
        System.getProperty("java.class.path"), "io.pma.Main"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command);
    builder.environment().keySet().removeIf(name -> name.startsWith("PMA_"));
    builder.environment().putAll(env);
    try {
      Path output = Files.createTempFile("pma-process", ".log");
      builder.redirectErrorStream(true).redirectOutput(output.toFile());
      return new PmaProcess(builder.start(), output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs a command that ends by itself (help, a backup...); returns its exit code. */
  public int awaitExit() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("pma did not exit; output:\n" + output());
      }
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Waits until the output has a line containing {@code text}. */
  public void awaitOutput(String text) {
    Await.until("'" + text + "' in the output of pma", () -> {
      if (!process.isAlive() && !output().contains(text)) {
        throw new AssertionError("pma exited with " + process.exitValue() + " before '" + text
            + "':\n" + output());
      }
      return output().contains(text);
    });
  }

  public boolean alive() {
    return process.isAlive();
  }

  /** SIGTERM, as systemd or Ctrl-C stop it, then waits for the clean shutdown to end. */
  public int stop() {
    process.destroy();
    return awaitExit();
  }

  public String output() {
    try {
      return Files.readString(output);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public File outputFile() {
    return output.toFile();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      Processes.end(process, false);
    }
    output.toFile().delete();
  }
}
