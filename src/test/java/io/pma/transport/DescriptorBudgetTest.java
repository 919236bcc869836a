package io.pma.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.TestServer;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DescriptorBudgetTest {
  @Test
  @DisplayName("max_connections that the descriptors cannot hold is lowered, keeping a reserve for everything else")
  void fit() {
    assertThat(DescriptorBudget.fit(20_000, 20_000)).isEqualTo(18_976);
    assertThat(DescriptorBudget.fit(20_000, 1_048_576)).isEqualTo(20_000);
    assertThat(DescriptorBudget.fit(20_000, 1_024)).isEqualTo(768);
    assertThat(DescriptorBudget.warning(20_000, 20_000)).isEqualTo(
        "websocket.max_connections 20000 lowered to 18976: the process may open only 20000"
            + " files; raise that limit (ulimit -n, LimitNOFILE= in a systemd unit, --ulimit"
            + " nofile= for docker) to at least 21024 or set websocket.max_connections lower");
  }

  @Test
  @DisplayName("a server configured for more connections than it has descriptors starts with a limit it can hold")
  void startUp() {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", "3600000",
        "PMA_WEBSOCKET_MAX_CONNECTIONS", "10000000"))) {
      long descriptors = DescriptorBudget.processLimit().orElseThrow();
      assertThat(server.server().hub().maxConnections())
          .isEqualTo((int) Math.min(10_000_000, DescriptorBudget.usable(descriptors)))
          .isLessThan((int) Math.min(Integer.MAX_VALUE, descriptors));
    }
  }
}
