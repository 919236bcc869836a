package io.pma.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.Await;
import io.pma.LocalPorts;
import io.pma.config.MqttConfig;
import io.pma.domain.AdapterState;
import io.pma.domain.AdapterStatus;
import io.pma.domain.EntityId;
import io.pma.registry.RegistryRig;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mqtts://} against a real Mosquitto with a CA, server and client certificates made by
 * {@code openssl} for the test: client-certificate authentication and hostname verification.
 */
class MqttTlsTest {
  @RegisterExtension
  final RegistryRig rig = new RegistryRig();
  @TempDir static Path certs;

  private final List<Mosquitto> brokers = new ArrayList<>();
  private Vertx vertx;
  private MqttAdapter adapter;

  @BeforeAll
  static void makeCertificates() throws Exception {
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=PMA test CA",
        "-keyout", "ca.key", "-out", "ca.pem");
    signed("server", "/CN=127.0.0.1", "subjectAltName=IP:127.0.0.1");
    signed("other", "/CN=broker.example", "subjectAltName=DNS:broker.example");
    signed("client", "/CN=pma", "extendedKeyUsage=clientAuth");
    // A client certificate from a CA the broker does not trust.
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=rogue",
        "-keyout", "rogue.key", "-out", "rogue.pem");
    // Mosquitto started as root reads its files as the unprivileged user it switches to.
    Files.setPosixFilePermissions(certs, PosixFilePermissions.fromString("rwxr-xr-x"));
    try (var files = Files.list(certs)) {
      for (Path file : files.toList()) {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      }
    }
  }

  private static void signed(String name, String subject, String extension) throws Exception {
    openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", name + ".key",
        "-out", name + ".csr");
    Files.writeString(certs.resolve(name + ".ext"), extension + "\n");
    openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.pem", "-CAkey", "ca.key",
        "-CAcreateserial", "-days", "2", "-extfile", name + ".ext", "-out", name + ".pem");
  }

  private static void openssl(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("openssl"));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).directory(certs.toFile())
        .redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IllegalStateException("openssl " + String.join(" ", args) + ": " + output);
    }
  }

  @BeforeEach
  void start() {
    vertx = Vertx.vertx();
  }

  @AfterEach
  void stop() {
    if (adapter != null) {
      Await.result(adapter.stop());
    }
    Await.result(vertx.close());
    brokers.forEach(Mosquitto::close);
  }

  /** A broker with a plain listener (for the test's device) and a TLS one; returns the TLS port. */
  private int tlsBroker(String serverCert, List<Mosquitto> into) {
    int tlsPort = LocalPorts.free();
    Mosquitto started = Mosquitto.start("listener " + tlsPort + " 127.0.0.1\n"
        + "cafile " + certs.resolve("ca.pem") + "\n"
        + "certfile " + certs.resolve(serverCert + ".pem") + "\n"
        + "keyfile " + certs.resolve(serverCert + ".key") + "\n"
        + "require_certificate true\n");
    into.add(started);
    assertThat(LocalPorts.awaitListening(tlsPort, Duration.ofSeconds(10), () -> true))
        .as("the TLS listener is up").isTrue();
    return tlsPort;
  }

  private MqttAdapter adapter(int tlsPort, String clientCert, boolean verify) {
    MqttConfig config = new MqttConfig("mqtt", "MQTT", "mqtts://127.0.0.1:" + tlsPort, "", "",
        "pma-tls-test", "homeassistant", true, 100, true, verify,
        certs.resolve("ca.pem").toString(),
        clientCert == null ? "" : certs.resolve(clientCert + ".pem").toString(),
        clientCert == null ? "" : certs.resolve(clientCert + ".key").toString(),
        1, 30, 50, 200, 10, 262144, "pma/status");
    MqttAdapter created = new MqttAdapter(config, vertx, rig.registry(), rig.broker(), Clock.systemUTC());
    created.start();
    return created;
  }

  private void awaitFailedAttempts() {
    Await.until("two failed connection attempts", () -> rig.events().stream()
        .filter(AdapterStatus.class::isInstance).map(AdapterStatus.class::cast)
        .filter(s -> s.status() == AdapterState.ERROR).count() >= 2);
    assertThat(adapter.status().status()).isNotEqualTo(AdapterState.CONNECTED);
  }

  @Test
  @DisplayName("a client certificate signed by the broker's CA: connected, devices discovered")
  void clientCertificate() {
    int tlsPort = tlsBroker("server", brokers);
    try (MqttTestClient device = MqttTestClient.connect(vertx, brokers.get(0).port(), "device")) {
      device.publish("homeassistant/switch/plug/config", "{\"name\":\"Plug\",\"obj_id\":\"plug\","
          + "\"stat_t\":\"plug/state\",\"cmd_t\":\"plug/set\"}", true);
      device.publish("plug/state", "ON", true);
      adapter = adapter(tlsPort, "client", true);
      Await.until("plug discovered over TLS", () -> rig.registry().get(EntityId.parse("switch.plug"))
          .map(e -> e.state().equals("on")).orElse(false));
      assertThat(adapter.status().status()).isEqualTo(AdapterState.CONNECTED);
    }
  }

  @Test
  @DisplayName("no client certificate, or one from another CA: the broker refuses, PMA retries")
  void missingOrForeignClientCertificate() {
    int tlsPort = tlsBroker("server", brokers);
    adapter = adapter(tlsPort, "client", true);
    Await.until("connected with the right certificate",
        () -> adapter.status().status() == AdapterState.CONNECTED);
    Await.result(adapter.stop());
    rig.events().clear();
    adapter = adapter(tlsPort, null, true);
    awaitFailedAttempts();
    Await.result(adapter.stop());
    rig.events().clear();
    adapter = adapter(tlsPort, "rogue", true);
    awaitFailedAttempts();
  }

  @Test
  @DisplayName("hostname verification: a valid certificate for another name is refused")
  void hostnameVerification() {
    int tlsPort = tlsBroker("other", brokers);
    adapter = adapter(tlsPort, "client", true);
    awaitFailedAttempts();
    assertThat(adapter.status().lastError()).isNotBlank();
    Await.result(adapter.stop());
    // With tls_verify off (documented as unsafe) the same broker is accepted.
    adapter = adapter(tlsPort, "client", false);
    Await.until("connected without verification",
        () -> adapter.status().status() == AdapterState.CONNECTED);
  }
}
