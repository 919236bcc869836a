package io.pma.adapter.homeassistant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pma.config.HomeAssistantConfig;
import java.util.ArrayList;
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

  @Test
  @DisplayName("backoff doubles up to the bound, with jitter between half and all of it")
  void backoff() {
    Backoff low = new Backoff(100, 1_000, () -> 0.0);
    Backoff high = new Backoff(100, 1_000, () -> 0.999999);
    List<Long> lows = new ArrayList<>();
    List<Long> highs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      lows.add(low.nextDelayMs());
      highs.add(high.nextDelayMs());
    }
    assertThat(lows).containsExactly(50L, 100L, 200L, 400L, 500L, 500L);
    assertThat(highs).containsExactly(99L, 199L, 399L, 799L, 999L, 999L);
    low.reset();
    assertThat(low.nextDelayMs()).isEqualTo(50L);
    Backoff forever = new Backoff(1_000, 60_000, () -> 0.5);
    for (int i = 0; i < 100; i++) {
      long delay = forever.nextDelayMs();
      assertThat(delay).isBetween(i < 6 ? 500L : 30_000L, 60_000L);
    }
  }
}
