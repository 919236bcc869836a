package io.pma.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir
  Path dir;

  @Test
  @DisplayName("with no file and no environment the defaults are port 3001, ./data and ./data/pma.db")
  void defaults() {
    PmaConfig config = ConfigLoader.load(null, Map.of());
    assertThat(config.server().port()).isEqualTo(3001);
    assertThat(config.storage().dataDir()).isEqualTo("./data");
    assertThat(config.storage().sqliteFile()).isEqualTo("./data/pma.db");
    assertThat(config.demo().enabled()).isEqualTo(DemoConfig.Enabled.AUTO);
    assertThat(config.websocket().pingIntervalSeconds()).isEqualTo(30);
  }

  @Test
  @DisplayName("the YAML file overrides defaults and the environment overrides the file")
  void fileThenEnvironment() throws Exception {
    Path file = write("server:\n  port: 4000\nwebsocket:\n  ping_interval_seconds: 5\n");
    PmaConfig config = ConfigLoader.load(file, Map.of("PMA_WEBSOCKET_PING_INTERVAL_SECONDS", "7",
        "PMA_WEBSOCKET_ANONYMOUS_TOPICS", "system_status, entity_updates:light.*"));
    assertThat(config.server().port()).isEqualTo(4000);
    assertThat(config.websocket().pingIntervalSeconds()).isEqualTo(7);
    assertThat(config.websocket().anonymousTopics())
        .containsExactly("system_status", "entity_updates:light.*");
  }

  @Test
  @DisplayName("PMA_JWT_SECRET and PMA_ADMIN_PASSWORD are accepted as short names")
  void aliases() {
    String secret = "s".repeat(40);
    PmaConfig config = ConfigLoader.load(null,
        Map.of("PMA_JWT_SECRET", secret, "PMA_ADMIN_PASSWORD", "pw"));
    assertThat(config.auth().jwtSecret()).isEqualTo(secret);
    assertThat(config.auth().adminPassword()).isEqualTo("pw");
  }

  @Test
  @DisplayName("an unknown key stops start-up with a line naming it")
  void unknownKey() throws Exception {
    Path file = write("server:\n  prot: 4000\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessage("unknown config key 'server.prot'");
  }

  @Test
  @DisplayName("a wrong type names the key")
  void wrongType() throws Exception {
    Path file = write("server:\n  port: lots\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith(
            "invalid config value for 'server.port'");
  }

  @Test
  @DisplayName("automation.action_timeout_seconds: 30 by default, from the environment, range-checked")
  void actionTimeout() {
    assertThat(ConfigLoader.load(null, Map.of()).automation().actionTimeoutSeconds())
        .isEqualTo(30);
    assertThat(ConfigLoader.load(null, Map.of("PMA_AUTOMATION_ACTION_TIMEOUT_SECONDS", "5"))
        .automation().actionTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThatThrownBy(() -> ConfigLoader.load(null,
        Map.of("PMA_AUTOMATION_ACTION_TIMEOUT_SECONDS", "0")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("invalid config: automation.action_timeout_seconds must be between 1 and 3600"
            + " (got 0)");
  }

  @Test
  @DisplayName("the connection guards: defaults, and bad proxies or origins stop start-up naming the key")
  void connectionGuards() {
    PmaConfig defaults = ConfigLoader.load(null, Map.of());
    assertThat(defaults.server().maxConnectionsPerAddress()).isEqualTo(128);
    assertThat(defaults.server().headerTimeoutSeconds()).isEqualTo(30);
    assertThat(defaults.server().trustedProxies()).isEmpty();
    assertThat(defaults.websocket().allowedOrigins()).isEmpty();
    assertThat(defaults.websocket().authTimeoutSeconds()).isEqualTo(10);
    assertThat(ConfigLoader.load(null, Map.of("PMA_SERVER_TRUSTED_PROXIES", "10.0.0.0/8,::1"))
        .server().trustedProxyRanges()).hasSize(2);
    assertThatThrownBy(() -> ConfigLoader.load(null,
        Map.of("PMA_SERVER_TRUSTED_PROXIES", "proxy.lan")))
        .isInstanceOf(ConfigException.class).hasMessage("invalid config: server.trusted_proxies:"
            + " 'proxy.lan' is not an IP address or CIDR block");
    assertThatThrownBy(() -> ConfigLoader.load(null,
        Map.of("PMA_SERVER_TRUSTED_PROXIES", "10.0.0.0/33")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("invalid prefix length");
    assertThatThrownBy(() -> ConfigLoader.load(null,
        Map.of("PMA_WEBSOCKET_ALLOWED_ORIGINS", "https://dash.example.com/path")))
        .isInstanceOf(ConfigException.class).hasMessageStartingWith("invalid config:"
            + " websocket.allowed_origins: 'https://dash.example.com/path' is not an origin");
  }

  @Test
  @DisplayName("a bad port from the environment names the key")
  void badPort() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PMA_SERVER_PORT", "70000")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("invalid config: server.port must be between 0 and 65535 (got 70000)");
  }

  @Test
  @DisplayName("a file that is not YAML is reported as such")
  void notYaml() throws Exception {
    Path file = write("server: [unclosed\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("is not valid YAML");
  }

  @Test
  @DisplayName("PMA_HA_TOKEN fills the token of Home Assistant instances that have none")
  void haToken() throws Exception {
    Path file = write("homeassistant:\n  - url: http://ha.local:8123\n");
    PmaConfig config = ConfigLoader.load(file, Map.of("PMA_HA_TOKEN", "abc"));
    assertThat(config.homeassistant()).hasSize(1);
    assertThat(config.homeassistant().get(0).token()).isEqualTo("abc");
    assertThat(config.homeassistant().get(0).id()).isEqualTo("homeassistant");
  }

  @Test
  @DisplayName("PMA_HA_URL with PMA_HA_TOKEN configures one instance when the file names none")
  void haUrl() throws Exception {
    PmaConfig config = ConfigLoader.load(null, Map.of("PMA_HA_URL", "https://ha.example.org",
        "PMA_HA_TOKEN", "abc"));
    assertThat(config.homeassistant()).hasSize(1);
    assertThat(config.homeassistant().get(0).url()).isEqualTo("https://ha.example.org");
    assertThat(config.homeassistant().get(0).token()).isEqualTo("abc");
    assertThat(config.homeassistant().get(0).pingIntervalMs()).isEqualTo(30_000);
    Path file = write("homeassistant:\n  - {id: upstairs, url: 'http://a:8123', token: t}\n");
    assertThat(ConfigLoader.load(file, Map.of("PMA_HA_URL", "http://b:8123")).homeassistant())
        .extracting(HomeAssistantConfig::id).containsExactly("upstairs");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PMA_HA_URL", "http://b:8123")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("invalid config: homeassistant.token (or PMA_HA_TOKEN) must be set");
  }

  @Test
  @DisplayName("an unknown PMA_* variable is refused, naming the nearest known one")
  void unknownVariable() {
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PMA_WEBSOCKET_HISTORY_SIZE", "5")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("unknown environment variable PMA_WEBSOCKET_HISTORY_SIZE (did you"
            + " mean PMA_");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PMA_BROKER_HISTORY_SIZ", "5")))
        .hasMessage("unknown environment variable PMA_BROKER_HISTORY_SIZ (did you mean"
            + " PMA_BROKER_HISTORY_SIZE?)");
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PMA_JWT_SECERT", "x")))
        .hasMessage("unknown environment variable PMA_JWT_SECERT (did you mean PMA_JWT_SECRET?)");
    assertThat(ConfigLoader.load(null, Map.of("PMA_BROKER_HISTORY_SIZE", "5", "OTHER_VAR", "x"))
        .broker().historySize()).isEqualTo(5);
  }

  @Test
  @DisplayName("variables that are not one key each (HA, log level, aliases) are known")
  void otherKnownVariables() {
    PmaConfig config = ConfigLoader.load(null, Map.of("PMA_HA_URL", "http://ha:8123",
        "PMA_HA_TOKEN", "t", "PMA_LOG_LEVEL", "warn", "PMA_PORT", "4000",
        "PMA_ADMIN_PASSWORD", "pw-pw-pw-pw", "PMA_JWT_SECRET", "s".repeat(40)));
    assertThat(config.logging().level()).isEqualTo("WARN");
    assertThat(config.server().port()).isEqualTo(4000);
  }

  @Test
  @DisplayName("every key of a config record has its variable, also those the defaults file leaves out")
  void keysBeyondTheDefaultsFile() {
    PmaConfig config = ConfigLoader.load(null, Map.of("PMA_MQTT_KEEP_ALIVE_SECONDS", "17",
        "PMA_SYSTEM_ALERTS_HYSTERESIS", "0.3", "PMA_LOGGING_FORMAT", "json"));
    assertThat(config.mqtt().keepAliveSeconds()).isEqualTo(17);
    assertThat(config.logging().json()).isTrue();
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("PMA_LOGGING_FORMAT", "xml")))
        .hasMessage("invalid config: logging.format must be text or json (got xml)");
  }

  private Path write(String yaml) throws Exception {
    Path file = dir.resolve("pma.yaml");
    Files.writeString(file, yaml);
    return file;
  }
}
