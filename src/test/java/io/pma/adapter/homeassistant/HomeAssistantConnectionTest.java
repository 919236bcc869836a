package io.pma.adapter.homeassistant;

import io.pma.Await;
import static io.pma.adapter.homeassistant.HomeAssistantMirrorTest.attrs;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.pma.domain.AdapterState;
import io.pma.domain.AdapterStatus;
import io.pma.domain.SyncStatus;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class HomeAssistantConnectionTest {
  private final HaTestRig rig = new HaTestRig();
  private final Logger adapterLog = (Logger) LoggerFactory.getLogger(HomeAssistantAdapter.class);
  private final ListAppender<ILoggingEvent> logged = new ListAppender<>();

  @AfterEach
  void close() {
    adapterLog.detachAppender(logged);
    rig.close();
  }

  @Test
  @DisplayName("after HA drops every connection the adapter reconnects, resyncs and reports each step")
  void reconnectsAfterDrop() {
    rig.ha.setState("light.kitchen", "on", null);
    rig.startSynced();

    rig.ha.dropAllConnections();
    rig.awaitSyncs(2);

    assertThat(rig.statusTrail()).containsExactly(AdapterState.CONNECTING, AdapterState.CONNECTED,
        AdapterState.DISCONNECTED, AdapterState.CONNECTING, AdapterState.CONNECTED);
    AdapterStatus dropped = rig.events(AdapterStatus.class).get(2);
    assertThat(dropped.lastError()).startsWith("connection closed by Home Assistant");
    assertThat(dropped.healthy()).isFalse();
    assertThat(rig.events(AdapterStatus.class).get(3).reconnectAttempts()).isEqualTo(1);
    assertThat(rig.finishedSyncs().get(1).status()).isEqualTo(SyncStatus.COMPLETED);
    assertThat(rig.finishedSyncs().get(1).entitiesFound()).isEqualTo(1);
    assertThat(rig.ha.authenticatedSessions()).isEqualTo(1);
    // A new connection starts its ids at 1 again and subscribes again.
    assertThat(rig.ha.commands("subscribe_events")).extracting(c -> c.get("id").asInt())
        .containsExactly(1, 1);
    assertThat(rig.ha.errorsSent()).isEmpty();
  }

  @Test
  @DisplayName("an HA restart with changes while it was down heals by itself: added, updated and removed")
  void resyncsAfterRestart() {
    rig.ha.setState("light.kitchen", "on", null);
    rig.ha.setState("sensor.old", "1", null);
    rig.ha.setState("switch.same", "off", null);
    rig.startSynced();

    rig.ha.stop();
    Await.until("disconnected", () -> rig.statusTrail().contains(AdapterState.DISCONNECTED));
    rig.ha.setState("light.kitchen", "off", attrs("{\"brightness\":null}"));
    rig.ha.removeState("sensor.old");
    rig.ha.setState("sensor.new", "7", null);
    // Let a few reconnect attempts fail against the closed port before HA comes back.
    Await.until("retries", () -> rig.events(AdapterStatus.class).stream()
        .filter(s -> s.status() == AdapterState.CONNECTING).count() >= 3);
    rig.ha.restart();
    rig.awaitSyncs(2);

    SyncStatus resync = rig.finishedSyncs().get(1);
    assertThat(List.of(resync.entitiesFound(), resync.entitiesAdded(), resync.entitiesUpdated(),
        resync.entitiesRemoved())).containsExactly(3, 1, 1, 1);
    assertThat(rig.entity("light.kitchen").orElseThrow().state()).isEqualTo("off");
    assertThat(rig.entity("sensor.old")).isEmpty();
    assertThat(rig.entity("sensor.new").orElseThrow().state()).isEqualTo("7");
    assertThat(rig.adapterStatus().status()).isEqualTo(AdapterState.CONNECTED);
    assertThat(rig.adapterStatus().reconnectAttempts()).isZero();
    assertThat(rig.adapterStatus().entityCount()).isEqualTo(3);
  }

  @Test
  @DisplayName("a wrong token ends in status error with a clear last_error, retried slowly and logged once")
  void wrongToken() {
    logged.start();
    adapterLog.addAppender(logged);
    rig.start(c -> rig.config("wrong-token", null));

    // auth_retry_ms is 300 ms in the rig: wait for several refused attempts.
    Await.until("three auth attempts", () -> rig.ha.authAttempts() >= 3);
    Await.until("error status", () -> rig.adapterStatus().status() == AdapterState.ERROR);

    AdapterStatus status = rig.adapterStatus();
    assertThat(status.healthy()).isFalse();
    assertThat(status.lastError()).isEqualTo("Home Assistant rejected the access token: Invalid"
        + " access token or password (check homeassistant.token / PMA_HA_TOKEN)");
    List<ILoggingEvent> warnings;
    synchronized (logged) {
      warnings = logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.WARN)).toList();
    }
    assertThat(warnings).hasSize(1);
    assertThat(warnings.get(0).getFormattedMessage()).contains("rejected the access token");
    assertThat(rig.statusTrail()).doesNotContain(AdapterState.CONNECTED);
    assertThat(rig.finishedSyncs()).isEmpty();
  }

  @Test
  @DisplayName("connection failures while HA is away are logged once, not per attempt")
  void quietWhileAway() {
    rig.startSynced();
    logged.start();
    adapterLog.addAppender(logged);
    rig.ha.stop();
    Await.until("four attempts", () -> connectingCount() >= 4);
    long warningsSoFar = warnings();
    Await.until("six more attempts", () -> connectingCount() >= 10);

    // The drop and the first refused connect are reported (a shutting-down server may add one
    // more distinct message); the repeats after that are DEBUG only.
    assertThat(warningsSoFar).isBetween(2L, 3L);
    assertThat(warnings()).isEqualTo(warningsSoFar);
  }

  private long connectingCount() {
    return rig.events(AdapterStatus.class).stream()
        .filter(s -> s.status() == AdapterState.CONNECTING).count();
  }

  /** Logback appends under the appender's lock; read under it too. */
  private long warnings() {
    synchronized (logged) {
      return logged.list.stream().filter(e -> e.getLevel() == Level.WARN).count();
    }
  }

  @Test
  @DisplayName("keep-alive: pings are answered; a peer that stops answering is dropped and reconnected")
  void pingKeepAlive() {
    // Pings every 100 ms; a pong may take 2 s, which only a peer that stopped answering needs
    // (not one in a busy JVM on a loaded machine).
    rig.start(c -> new io.pma.config.HomeAssistantConfig(c.id(), null, c.url(), c.token(), null,
        null, 2000, 100, 50, 400, 300, null));
    rig.awaitSyncs(1);
    Await.until("three pings", () -> rig.ha.commands("ping").size() >= 3);
    assertThat(rig.statusTrail()).containsExactly(AdapterState.CONNECTING, AdapterState.CONNECTED);
    assertThat(rig.ha.commands("ping").get(0)).isEqualTo(attrs("{\"type\":\"ping\",\"id\":3}"));

    rig.ha.ignoreCommand("ping");
    Await.until("dead peer noticed", () -> rig.statusTrail().contains(AdapterState.DISCONNECTED));
    AdapterStatus dropped = rig.events(AdapterStatus.class).stream()
        .filter(s -> s.status() == AdapterState.DISCONNECTED).findFirst().orElseThrow();
    assertThat(dropped.lastError()).isEqualTo("no pong within 2000 ms");
    rig.awaitSyncs(2);
  }
}
