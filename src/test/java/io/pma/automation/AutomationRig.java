package io.pma.automation;

import io.pma.BrokerEvents;
import io.pma.ManualTime;
import io.pma.TestServer;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the automation test classes share, as a JUnit extension: before the class's tests, a real
 * server with the demo devices whose clock and automation timers the test moves (from Monday
 * 2 March 2026, 07:29 in Europe/Berlin, the configured zone), a REST client for rules and a log of
 * everything the broker publishes; after them, the server stops. Register it as
 * {@code @RegisterExtension static final AutomationRig rig = new AutomationRig(...)}.
 */
final class AutomationRig implements BeforeAllCallback, AfterAllCallback {
  static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  static final Instant START = Instant.parse("2026-03-02T06:29:00Z");
  /** The demo's own drift is off, so only the tests move devices; tokens outlive moved clocks. */
  static final Map<String, String> CONFIG = Map.of("PMA_DEMO_TICK_MS", "3600000",
      "PMA_AUTOMATION_TIME_ZONE", "Europe/Berlin", "PMA_AUTH_TOKEN_TTL_MINUTES", "43200");

  private final Map<String, String> config;
  private ManualTime time;
  private TestServer server;
  private AutomationClient client;
  private BrokerEvents log;

  /** @param extra PMA_* variables on top of {@link #CONFIG} */
  AutomationRig(Map<String, String> extra) {
    this.config = new HashMap<>(CONFIG);
    this.config.putAll(extra);
  }

  AutomationRig() {
    this(Map.of());
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    time = new ManualTime(START);
    server = TestServer.start(config, time);
    client = new AutomationClient(server);
    log = BrokerEvents.attach(server.server());
  }

  /** Restarts the server on its data directory: a new login and a log of the new broker. */
  void restart() {
    server.restart();
    client = new AutomationClient(server);
    log = BrokerEvents.attach(server.server());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.close();
  }

  ManualTime time() {
    return time;
  }

  TestServer server() {
    return server;
  }

  AutomationClient client() {
    return client;
  }

  BrokerEvents log() {
    return log;
  }
}
