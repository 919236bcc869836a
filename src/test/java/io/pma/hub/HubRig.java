package io.pma.hub;

import io.pma.TestServer;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the WebSocket test classes that share one server need, as a JUnit extension: before the
 * class's tests a real server whose demo devices stay still (only the tests change entities);
 * after them it is closed. The clients are {@link io.pma.WsTestClient}s. Register it as
 * {@code @RegisterExtension static final HubRig rig = new HubRig()}.
 */
final class HubRig implements BeforeAllCallback, AfterAllCallback {
  private TestServer server;

  @Override
  public void beforeAll(ExtensionContext context) {
    server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", "3600000"));
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.close();
  }

  TestServer server() {
    return server;
  }
}
