package io.pma.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One Home Assistant instance; {@code token} usually from {@code PMA_HA_TOKEN}. Entries live in a
 * YAML list, so the defaults of the optional keys are applied here rather than in
 * {@code pma-defaults.yaml}. Times are in milliseconds.
 */
public record HomeAssistantConfig(
    String id,
    String name,
    String url,
    String token,
    Boolean verifyTls,
    List<String> eventTypes,
    Integer callTimeoutMs,
    Integer pingIntervalMs,
    Integer reconnectInitialMs,
    Integer reconnectMaxMs,
    Integer authRetryMs,
    Integer maxMessageBytes) {

  private static final Set<String> SCHEMES = Set.of("http", "https", "ws", "wss");

  public HomeAssistantConfig {
    Checks.notBlank("homeassistant.url", url);
    checkUrl(url);
    Checks.notBlank("homeassistant.token (or PMA_HA_TOKEN)", token);
    id = id == null || id.isBlank() ? "homeassistant" : id;
    name = name == null || name.isBlank() ? "Home Assistant" : name;
    verifyTls = verifyTls == null ? Boolean.TRUE : verifyTls;
    eventTypes = eventTypes == null || eventTypes.isEmpty() ? List.of("*") : List.copyOf(eventTypes);
    callTimeoutMs = orDefault(callTimeoutMs, 10_000);
    pingIntervalMs = orDefault(pingIntervalMs, 30_000);
    reconnectInitialMs = orDefault(reconnectInitialMs, 1_000);
    reconnectMaxMs = orDefault(reconnectMaxMs, 60_000);
    authRetryMs = orDefault(authRetryMs, 300_000);
    maxMessageBytes = orDefault(maxMessageBytes, 32 * 1024 * 1024);
    Checks.range("homeassistant.call_timeout_ms", callTimeoutMs, 50, 600_000);
    Checks.range("homeassistant.ping_interval_ms", pingIntervalMs, 50, 3_600_000);
    Checks.range("homeassistant.reconnect_initial_ms", reconnectInitialMs, 10, 3_600_000);
    Checks.range("homeassistant.reconnect_max_ms", reconnectMaxMs, reconnectInitialMs, 3_600_000);
    Checks.range("homeassistant.auth_retry_ms", authRetryMs, 10, 86_400_000);
    Checks.range("homeassistant.max_message_bytes", maxMessageBytes, 65_536, 512 * 1024 * 1024);
  }

  /** The minimal form used by tests and simple setups: every optional key at its default. */
  public static HomeAssistantConfig of(String id, String url, String token) {
    return new HomeAssistantConfig(id, null, url, token, null, null, null, null, null, null, null,
        null);
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null ? fallback : value;
  }

  private static void checkUrl(String url) {
    try {
      URI uri = new URI(url.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!SCHEMES.contains(scheme) || uri.getHost() == null) {
        throw new IllegalArgumentException("homeassistant.url must be an http(s):// or ws(s):// URL"
            + " with a host (got '" + url + "')");
      }
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("homeassistant.url is not a valid URL: " + e.getMessage());
    }
  }
}
