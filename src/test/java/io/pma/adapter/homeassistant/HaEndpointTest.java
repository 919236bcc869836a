package io.pma.adapter.homeassistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pma.config.HomeAssistantConfig;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HaEndpointTest {
  @Test
  @DisplayName("http(s) and ws(s) base URLs become the /api/websocket endpoint, path prefixes kept")
  void urls() {
    assertThat(HaEndpoint.display("http://homeassistant.local:8123"))
        .isEqualTo("ws://homeassistant.local:8123/api/websocket");
    assertThat(HaEndpoint.display("https://ha.example.org/")).isEqualTo("wss://ha.example.org:443/api/websocket");
    assertThat(HaEndpoint.display("ws://10.0.0.2:8123/api/websocket"))
        .isEqualTo("ws://10.0.0.2:8123/api/websocket");
    assertThat(HaEndpoint.display("http://proxy/ha/")).isEqualTo("ws://proxy:80/ha/api/websocket");
    assertThat(HaEndpoint.display("http://[::1]:8123")).isEqualTo("ws://::1:8123/api/websocket");
  }

  @Test
  @DisplayName("config: defaults for optional keys, clear errors for a bad URL or a missing token")
  void config() {
    HomeAssistantConfig config = HomeAssistantConfig.of(null, "http://ha:8123", "t");
    assertThat(config.id()).isEqualTo("homeassistant");
    assertThat(config.eventTypes()).containsExactly("*");
    assertThat(List.of(config.callTimeoutMs(), config.pingIntervalMs(), config.reconnectInitialMs(),
        config.reconnectMaxMs(), config.authRetryMs())).containsExactly(10_000, 30_000, 1_000,
        60_000, 300_000);
    assertThat(config.verifyTls()).isTrue();
    assertThatThrownBy(() -> HomeAssistantConfig.of("x", "ftp://ha", "t"))
        .hasMessage("homeassistant.url must be an http(s):// or ws(s):// URL with a host (got 'ftp://ha')");
    assertThatThrownBy(() -> HomeAssistantConfig.of("x", "http://ha", ""))
        .hasMessage("homeassistant.token (or PMA_HA_TOKEN) must be set");
  }
}
