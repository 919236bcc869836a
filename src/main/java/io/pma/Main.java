package io.pma;

import io.pma.config.ConfigException;
import io.pma.config.ConfigLoader;
import io.pma.config.PmaConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Command line: {@code java -jar pma-backend.jar [--config pma.yaml]}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    PmaConfig config;
    try {
      config = ConfigLoader.load(configPath(args), System.getenv());
    } catch (ConfigException e) {
      System.err.println("pma: " + e.getMessage());
      System.exit(2);
      return;
    }
    PmaServer server;
    try {
      server = PmaServer.start(config, Clock.systemUTC()).toCompletionStage().toCompletableFuture()
          .get(60, TimeUnit.SECONDS);
    } catch (java.util.concurrent.ExecutionException e) {
      System.err.println("pma: cannot start: " + e.getCause().getMessage());
      System.exit(1);
      return;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      CompletableFuture<Void> stopped = server.stop().toCompletionStage().toCompletableFuture();
      try {
        stopped.get(15, TimeUnit.SECONDS);
      } catch (Exception e) {
        System.err.println("pma: unclean shutdown: " + e.getMessage());
      }
    }, "pma-shutdown"));
  }

  private static Path configPath(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if ("--config".equals(args[i]) && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
      if (args[i].startsWith("--config=")) {
        return Path.of(args[i].substring("--config=".length()));
      }
    }
    return null;
  }
}
