package io.pma.config;

import java.util.List;

/** The whole configuration; every section has working defaults (see {@code pma-defaults.yaml}). */
public record PmaConfig(
    ServerConfig server,
    StorageConfig storage,
    AuthConfig auth,
    WebsocketConfig websocket,
    DemoConfig demo,
    List<HomeAssistantConfig> homeassistant,
    MqttConfig mqtt,
    AutomationConfig automation,
    BrokerConfig broker,

    SystemConfig system,
    NotificationsConfig notifications,
    HistoryConfig history,
    MetricsConfig metrics,
    LoggingConfig logging) {

  public PmaConfig {
    homeassistant = homeassistant == null ? List.of() : List.copyOf(homeassistant);
    logging = logging == null ? new LoggingConfig(null, null) : logging;
  }
}
