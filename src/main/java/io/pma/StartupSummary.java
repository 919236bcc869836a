package io.pma;

import io.pma.cli.Version;
import io.pma.config.PmaConfig;
import java.nio.file.Path;
import java.util.List;

/** The one line an operator reads to know what started: version, where, on what, with what. */
final class StartupSummary {
  private StartupSummary() {}

  static String line(PmaConfig config, int port, int entities, List<String> adapters,
      boolean epoll) {
    String host = config.server().host();
    String browsable = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
    return "PMA " + Version.current() + " ready on port " + port
        + " | data " + Path.of(config.storage().dataDir()).toAbsolutePath().normalize()
        + " | storage " + storage(config)
        + " | broker " + config.broker().type()
        + " | adapters " + (adapters.isEmpty() ? "none" : String.join(",", adapters))
        + " | " + entities + " entities, " + (epoll ? "epoll" : "NIO")
        + " | admin http://" + browsable + ":" + port + "/";
  }

  /** Where the data goes, without credentials. */
  static String storage(PmaConfig config) {
    if (config.storage().postgres()) {
      return "postgres " + config.storage().postgresUrl().replaceAll("//[^@/]*@", "//***@")
          .replaceAll("password=[^&]*", "password=***");
    }
    return "sqlite " + config.storage().sqliteFile();
  }
}
