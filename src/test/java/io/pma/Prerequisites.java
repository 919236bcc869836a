package io.pma;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The one place where tests look for the programs they start (Mosquitto, redis-server,
 * PostgreSQL, Chromium and its driver, Node, Python): an absent one fails the test with one line
 * saying what to install, not with a stack trace from deep inside a process launch.
 * {@code ./pma test} installs them all where the machine allows it.
 */
public final class Prerequisites {
  private static final String HINT = " (./pma test installs every test prerequisite)";

  private Prerequisites() {}

  /** A test prerequisite is not installed; its message is the whole story, so no stack trace. */
  public static final class Missing extends AssertionError {
    Missing(String message) {
      super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
      return this;
    }
  }

  /**
   * The path of {@code program}: the first executable of {@code places} (absolute paths, or
   * folders with a {@code *} for one level such as {@code /usr/lib/postgresql/*}/bin), else
   * from PATH; throws {@link Missing} naming the Debian package.
   */
  public static String program(String program, String debianPackage, String... places) {
    List<Path> candidates = new ArrayList<>();
    for (String place : places) {
      candidates.addAll(expand(place));
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/local/bin:/usr/bin:/bin");
    for (String dir : path.split(File.pathSeparator)) {
      candidates.add(Path.of(dir, program));
    }
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new Missing(program + " is not installed: apt-get install -y " + debianPackage + HINT);
  }

  /** Checks that {@code python3} can import {@code module}, from {@code debianPackage}. */
  public static String pythonModule(String module, String debianPackage) {
    // Debian's python3 first: python3-websockets installs into it, not into a pyenv or venv.
    String python = program("python3", "python3", "/usr/bin/python3");
    try {
      Process p = new ProcessBuilder(python, "-c", "import " + module).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
        return python;
      }
    } catch (Exception e) {
      // reported as missing below
    }
    throw new Missing("python3 cannot import " + module + ": apt-get install -y " + debianPackage
        + HINT);
  }

  private static List<Path> expand(String place) {
    int star = place.indexOf('*');
    if (star < 0) {
      return List.of(Path.of(place));
    }
    File[] dirs = new File(place.substring(0, star)).listFiles(File::isDirectory);
    List<Path> found = new ArrayList<>();
    if (dirs != null) {
      for (File dir : dirs) {
        found.add(Path.of(dir.getPath() + place.substring(star + 1)));
      }
    }
    return found;
  }
}
