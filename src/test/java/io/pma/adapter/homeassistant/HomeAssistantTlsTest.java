package io.pma.adapter.homeassistant;

import io.pma.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pma.bus.MemoryBroker;
import io.pma.config.HomeAssistantConfig;
import io.pma.domain.AdapterState;
import io.pma.registry.EntityRegistry;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** https:// URLs: wss to HA, with certificate checks that {@code verify_tls: false} turns off. */
class HomeAssistantTlsTest {
  private final HaTestRig rig = new HaTestRig();
  private final Vertx vertx = Vertx.vertx();
  private final FakeHomeAssistant tlsHa = FakeHomeAssistant.startTls(vertx, HaTestRig.TOKEN);
  private HomeAssistantAdapter adapter;

  @AfterEach
  void close() throws ExecutionException {
    if (adapter != null) {
      HaTestRig.join(adapter.stop());
    }
    tlsHa.close();
    vertx.close();
    rig.close();
  }

  private HomeAssistantAdapter start(boolean verifyTls) {
    HomeAssistantConfig config = new HomeAssistantConfig("tls", null, tlsHa.url(), HaTestRig.TOKEN,
        verifyTls, null, 3_000, 30_000, 50, 400, 300, null);
    adapter = new HomeAssistantAdapter(config, rig.vertx, rig.broker, rig.registry,
        Clock.systemUTC());
    adapter.start();
    return adapter;
  }

  @Test
  @DisplayName("verify_tls false connects to a self-signed HA over wss and mirrors it")
  void selfSignedAccepted() {
    tlsHa.setState("light.porch", "on", null);
    start(false);
    Await.until("light.porch mirrored", () -> rig.entity("light.porch").isPresent());
    assertThat(adapter.status().status()).isEqualTo(AdapterState.CONNECTED);
  }

  @Test
  @DisplayName("with verify_tls (the default) a self-signed certificate is refused and reported")
  void selfSignedRefused() {
    start(true);
    Await.until("failed attempt", () -> rig.statusTrail().contains(AdapterState.DISCONNECTED));
    assertThat(adapter.status().healthy()).isFalse();
    assertThat(adapter.status().lastError()).isNotBlank();
    assertThat(tlsHa.authAttempts()).isZero();
  }
}
