package io.pma.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What the command line asks for, parsed once: start the server, print help or the version, reset
 * a password, write a backup; or a usage error. Parsing never starts anything.
 */
public sealed interface Command {
  /** Start the server. */
  record Serve(Path config) implements Command {}

  record Help() implements Command {}

  record PrintVersion() implements Command {}

  /** Set a new password for {@code user} on the data directory, with the server stopped. */
  record ResetPassword(Path config, String user) implements Command {}

  /** Write a consistent copy of the SQLite database to {@code target}, also while PMA runs. */
  record Backup(Path config, Path target) implements Command {}

  /** The arguments make no sense; {@code problem} says why, in one line. */
  record UsageError(String problem) implements Command {}

  String USAGE = """
      Usage: pma [--config FILE] [COMMAND]

      Commands:
        (none)                               start the server
        admin reset-password [--user NAME]   set a new password for NAME (default: admin) while
                                             PMA is stopped; printed once, or PMA_ADMIN_PASSWORD
        backup FILE                          write a consistent copy of the SQLite database to
                                             FILE, also while PMA runs (PostgreSQL: use pg_dump)

      Options:
        --config FILE   a YAML file with config keys (docs/CONFIGURATION.md)
        --help          print this text
        --version       print the version

      Every config key can also be set as PMA_<SECTION>_<KEY>, e.g. PMA_SERVER_PORT=8080.
      Operations (install, upgrade, backup, restore, logs): docs/OPERATIONS.md""";

  static Command parse(String... args) {
    Path config = null;
    List<String> words = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--help") || arg.equals("-h")) {
        return new Help();
      } else if (arg.equals("--version")) {
        return new PrintVersion();
      } else if (arg.equals("--config")) {
        if (i + 1 >= args.length) {
          return new UsageError("--config needs a file");
        }
        config = Path.of(args[++i]);
      } else if (arg.startsWith("--config=")) {
        config = Path.of(arg.substring("--config=".length()));
      } else {
        words.add(arg);
      }
    }
    return command(config, words);
  }

  private static Command command(Path config, List<String> words) {
    if (words.isEmpty()) {
      return new Serve(config);
    }
    if (words.get(0).equals("backup")) {
      return words.size() == 2 && !words.get(1).startsWith("-")
          ? new Backup(config, Path.of(words.get(1)))
          : new UsageError("backup takes one argument: the file to write");
    }
    if (words.size() >= 2 && words.get(0).equals("admin")
        && words.get(1).equals("reset-password")) {
      List<String> rest = words.subList(2, words.size());
      if (rest.isEmpty()) {
        return new ResetPassword(config, "admin");
      }
      if (rest.size() == 2 && rest.get(0).equals("--user")) {
        return new ResetPassword(config, rest.get(1));
      }
      if (rest.size() == 1 && rest.get(0).startsWith("--user=")) {
        return new ResetPassword(config, rest.get(0).substring("--user=".length()));
      }
      return new UsageError("admin reset-password takes only --user NAME");
    }
    return new UsageError("unknown argument '" + words.get(0) + "'");
  }
}
