package io.pma;

import io.pma.cli.AdminCommands;
import io.pma.cli.Command;
import io.pma.cli.Version;
import io.pma.config.ConfigException;
import io.pma.config.ConfigLoader;
import io.pma.config.PmaConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Command line: {@code java -jar pma-backend.jar [--config pma.yaml] [COMMAND]} (see
 * {@link Command#USAGE}). Exit codes: 0 done, 1 failed, 2 bad arguments or configuration.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    int code = run(Command.parse(args));
    if (code >= 0) {
      System.exit(code);
    }
  }

  /** Runs a command; returns its exit code, or -1 when the server runs on (until a signal). */
  static int run(Command command) throws Exception {
    if (command instanceof Command.Help) {
      System.out.println(Command.USAGE);
      return 0;
    }
    if (command instanceof Command.PrintVersion) {
      System.out.println("pma " + Version.current());
      return 0;
    }
    if (command instanceof Command.UsageError error) {
      System.err.println("pma: " + error.problem());
      System.err.println(Command.USAGE);
      return 2;
    }
    Path configFile = command instanceof Command.Serve serve ? serve.config()
        : command instanceof Command.ResetPassword reset ? reset.config()
        : ((Command.Backup) command).config();
    PmaConfig config;
    try {
      config = ConfigLoader.load(configFile, System.getenv());
    } catch (ConfigException e) {
      System.err.println("pma: " + e.getMessage());
      return 2;
    }
    AdminCommands admin = new AdminCommands(config, System.out, System.err);
    if (command instanceof Command.ResetPassword reset) {
      return admin.resetPassword(reset.user());
    }
    if (command instanceof Command.Backup backup) {
      return admin.backup(backup.target());
    }
    return serve(config);
  }

  /**
   * Starts the server. The shutdown hook is in place before start-up begins, so a SIGTERM at any
   * moment (even right after the "ready" line) waits for the start and then stops cleanly.
   */
  private static int serve(PmaConfig config) throws Exception {
    LogSetup.apply(config.logging());
    CompletableFuture<PmaServer> starting = PmaServer.start(config, Clock.systemUTC())
        .toCompletionStage().toCompletableFuture();
    Thread hook = new Thread(() -> {
      PmaServer server;
      try {
        server = starting.get(60, TimeUnit.SECONDS);
      } catch (Exception failedToStart) {
        return; // a failed start has already undone itself
      }
      try {
        server.stop().toCompletionStage().toCompletableFuture().get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("pma: unclean shutdown: " + e.getMessage());
      }
    }, "pma-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      starting.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      System.err.println("pma: cannot start: " + e.getCause().getMessage());
      return 1;
    }
    return -1;
  }
}
