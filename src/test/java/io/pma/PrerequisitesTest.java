package io.pma;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PrerequisitesTest {
  @Test
  @DisplayName("an absent program fails with one line naming the package, and no stack trace")
  void absentProgram() {
    assertThatThrownBy(() -> Prerequisites.program("pma-no-such-program", "pma-no-such-package"))
        .isInstanceOf(Prerequisites.Missing.class)
        .hasMessage("pma-no-such-program is not installed: apt-get install -y pma-no-such-package"
            + " (./pma test installs every test prerequisite)")
        .satisfies(e -> assertThat(e.getStackTrace()).isEmpty());
  }

  @Test
  @DisplayName("a present program is found in the given places or on PATH")
  void presentProgram() {
    assertThat(Prerequisites.program("sh", "dash")).endsWith("/sh");
    assertThat(Prerequisites.program("java", "openjdk-17-jdk-headless",
        System.getProperty("java.home") + "/bin/java")).endsWith("/bin/java");
  }

  @Test
  @DisplayName("a Python module that python3 cannot import is reported with its package")
  void absentPythonModule() {
    assertThatThrownBy(() -> Prerequisites.pythonModule("pma_no_such_module", "python3-nothing"))
        .hasMessageEndingWith("apt-get install -y python3-nothing"
            + " (./pma test installs every test prerequisite)");
  }
}
