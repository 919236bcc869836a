package io.pma.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pma.config.ConfigLoader;
import io.pma.config.MqttConfig;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MqttConfigTest {
  @Test
  @DisplayName("mqtt config: defaults, environment overrides and the password from PMA_MQTT_PASSWORD")
  void configuration() {
    MqttConfig defaults = ConfigLoader.load(null, Map.of()).mqtt();
    assertThat(defaults.enabled()).isFalse();
    assertThat(defaults.discoveryPrefix()).isEqualTo("homeassistant");
    assertThat(defaults.statusTopic()).isEqualTo("pma/status");
    assertThat(defaults.qos()).isEqualTo(1);
    MqttConfig set = ConfigLoader.load(null, Map.of("PMA_MQTT_URL", "mqtts://broker.lan",
        "PMA_MQTT_USERNAME", "pma", "PMA_MQTT_PASSWORD", "s3cret", "PMA_MQTT_QOS", "0")).mqtt();
    assertThat(set.enabled()).isTrue();
    assertThat(set.password()).isEqualTo("s3cret");
    assertThat(set.qos()).isZero();
    assertThat(BrokerUrl.parse(set.url(), set.tls()))
        .isEqualTo(new BrokerUrl("broker.lan", 8883, true));
    MqttConfig withCertificate = ConfigLoader.load(null, Map.of("PMA_MQTT_TLS_CERT_FILE",
        "/etc/pma/client.pem", "PMA_MQTT_TLS_KEY_FILE", "/etc/pma/client.key")).mqtt();
    assertThat(withCertificate.tlsCertFile()).isEqualTo("/etc/pma/client.pem");
    assertThat(withCertificate.tlsKeyFile()).isEqualTo("/etc/pma/client.key");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PMA_MQTT_TLS_CERT_FILE",
        "/etc/pma/client.pem")).mqtt()).hasMessageContaining("tls_key_file");
    assertThat(BrokerUrl.parse("mqtt://10.0.0.2", false))
        .isEqualTo(new BrokerUrl("10.0.0.2", 1883, false));
  }
}
