package io.pma;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.cli.Version;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The command line as a user meets it, in a process of its own: none of these starts a server. */
class CommandLineTest {
  @Test
  @DisplayName("--help prints the usage and exits 0")
  void help() {
    try (PmaProcess pma = PmaProcess.start(Map.of(), "--help")) {
      assertThat(pma.awaitExit()).isZero();
      assertThat(pma.output()).startsWith("Usage: pma [--config FILE] [COMMAND]")
          .contains("admin reset-password [--user NAME]", "backup FILE", "--version");
    }
  }

  @Test
  @DisplayName("--version prints the version of the build and exits 0")
  void version() {
    try (PmaProcess pma = PmaProcess.start(Map.of(), "--version")) {
      assertThat(pma.awaitExit()).isZero();
      assertThat(pma.output().strip()).isEqualTo("pma " + Version.current());
      assertThat(Version.current()).matches("\\d+\\.\\d+\\.\\d+.*");
    }
  }

  @Test
  @DisplayName("an unknown argument prints one line naming it and the usage, and exits 2")
  void unknownArgument() {
    try (PmaProcess pma = PmaProcess.start(Map.of(), "--port", "80")) {
      assertThat(pma.awaitExit()).isEqualTo(2);
      assertThat(pma.output()).startsWith("pma: unknown argument '--port'\nUsage: pma");
    }
  }

  @Test
  @DisplayName("a mistyped PMA_* variable stops start-up with exit 2, naming it and the nearest key")
  void mistypedVariable() {
    try (PmaProcess pma = PmaProcess.start(Map.of("PMA_SERVER_PROT", "4000"))) {
      assertThat(pma.awaitExit()).isEqualTo(2);
      assertThat(pma.output().strip()).isEqualTo(
          "pma: unknown environment variable PMA_SERVER_PROT (did you mean PMA_SERVER_PORT?)");
    }
  }
}
