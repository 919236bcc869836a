package io.pma.config;

/**
 * The MQTT adapter. An empty {@code url} ({@code mqtt://host:1883}, {@code mqtts://host:8883})
 * disables it. {@code password} normally comes from {@code PMA_MQTT_PASSWORD}; an empty
 * {@code client_id} becomes {@code pma-<random>} so that two PMA nodes never kick each other off.
 * {@code tls_cert_file} and {@code tls_key_file} (PEM) authenticate PMA to the broker with a client
 * certificate.
 */
public record MqttConfig(
    String id,
    String name,
    String url,
    String username,
    String password,
    String clientId,
    String discoveryPrefix,
    boolean discoveryBirth,
    int discoverySettleMs,
    boolean tls,
    boolean tlsVerify,
    String tlsCaFile,
    String tlsCertFile,
    String tlsKeyFile,
    int qos,
    int keepAliveSeconds,
    int reconnectInitialMs,
    int reconnectMaxMs,
    int ackTimeoutSeconds,
    int maxMessageBytes,
    String statusTopic) {

  public MqttConfig {
    id = id == null || id.isBlank() ? "mqtt" : id;
    name = name == null || name.isBlank() ? "MQTT" : name;
    discoveryPrefix = discoveryPrefix == null || discoveryPrefix.isBlank() ? "homeassistant"
        : discoveryPrefix;
    statusTopic = statusTopic == null ? "" : statusTopic;
    tlsCertFile = tlsCertFile == null ? "" : tlsCertFile;
    tlsKeyFile = tlsKeyFile == null ? "" : tlsKeyFile;
    if (tlsCertFile.isBlank() != tlsKeyFile.isBlank()) {
      throw new IllegalArgumentException(
          "mqtt.tls_cert_file and mqtt.tls_key_file go together (a client certificate and its key)");
    }
    if (!id.matches("[a-z0-9_]+")) {
      throw new IllegalArgumentException("mqtt.id must use lower-case letters, digits and '_'");
    }
    if (discoveryPrefix.contains("+") || discoveryPrefix.contains("#")
        || discoveryPrefix.endsWith("/")) {
      throw new IllegalArgumentException(
          "mqtt.discovery_prefix must be a topic without wildcards or a trailing '/'");
    }
    if (statusTopic.contains("+") || statusTopic.contains("#")) {
      throw new IllegalArgumentException("mqtt.status_topic must not contain wildcards");
    }
    Checks.range("mqtt.qos", qos, 0, 2);
    Checks.range("mqtt.discovery_settle_ms", discoverySettleMs, 10, 60_000);
    Checks.range("mqtt.keep_alive_seconds", keepAliveSeconds, 1, 3600);
    Checks.range("mqtt.reconnect_initial_ms", reconnectInitialMs, 10, 600_000);
    Checks.range("mqtt.reconnect_max_ms", reconnectMaxMs, reconnectInitialMs, 3_600_000);
    Checks.range("mqtt.ack_timeout_seconds", ackTimeoutSeconds, 1, 600);
    Checks.range("mqtt.max_message_bytes", maxMessageBytes, 1024, 256 * 1024 * 1024);
  }

  /** Whether an MQTT broker is configured at all. */
  public boolean enabled() {
    return url != null && !url.isBlank();
  }
}
