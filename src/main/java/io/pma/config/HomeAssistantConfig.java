package io.pma.config;

import java.util.List;

/** One Home Assistant instance; {@code token} usually from {@code PMA_HA_TOKEN}. */
public record HomeAssistantConfig(String id, String url, String token, Boolean verifyTls,
    List<String> eventTypes) {
  public HomeAssistantConfig {
    Checks.notBlank("homeassistant.url", url);
    id = id == null || id.isBlank() ? "homeassistant" : id;
    verifyTls = verifyTls == null ? Boolean.TRUE : verifyTls;
    eventTypes = eventTypes == null ? List.of("*") : List.copyOf(eventTypes);
  }
}
