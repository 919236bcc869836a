package io.pma;

import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One real server for a whole test class, as a JUnit extension: started before the class's tests
 * with the given PMA_* variables, closed after them. Register it as {@code @RegisterExtension
 * static final ServerRig rig = new ServerRig(Map.of(...))}.
 */
public final class ServerRig implements BeforeAllCallback, AfterAllCallback {
  /** Demo devices that stay still: only the tests change entities. */
  public static final Map<String, String> STILL_DEMO = Map.of("PMA_DEMO_TICK_MS", "3600000");

  private final Map<String, String> settings;
  private TestServer server;
  private String adminToken;

  public ServerRig() {
    this(Map.of());
  }

  public ServerRig(Map<String, String> settings) {
    this.settings = settings;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = TestServer.start(settings);
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
    }
  }

  public TestServer server() {
    return server;
  }

  /** Restarts the server on its data directory and port; the admin signs in again. */
  public void restart() {
    server.restart();
    adminToken = null;
  }

  /** The admin's bearer token, signed in on first use. */
  public String admin() {
    if (adminToken == null) {
      adminToken = server.adminToken();
    }
    return adminToken;
  }
}
