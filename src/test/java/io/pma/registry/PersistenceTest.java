package io.pma.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.Await;
import io.pma.LocalPorts;
import io.pma.TestServer;
import io.pma.TestServer.Response;
import java.io.File;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PersistenceTest {
  @TempDir
  Path dataDir;

  @Test
  @DisplayName("entities and users are all there after a clean restart")
  void survivesRestart() {
    try (TestServer server = TestServer.start(dataDir, Map.of("PMA_DEMO_TICK_MS", "3600000"))) {
      String token = server.adminToken();
      server.request("PUT", "/api/v1/entities/sensor.persisted/state", token,
          "{\"state\":\"42\",\"attributes\":{\"unit_of_measurement\":\"W\"}}");
      server.request("POST", "/api/v1/entities/lock.back_door/action", token,
          "{\"action\":\"unlock\"}");
      server.restart();
      String again = server.adminToken();
      Response persisted = server.request("GET", "/api/v1/entities/sensor.persisted", again, null);
      assertThat(persisted.status()).isEqualTo(200);
      assertThat(persisted.json().get("state").asText()).isEqualTo("42");
      assertThat(persisted.json().at("/attributes/unit_of_measurement").asText()).isEqualTo("W");
      assertThat(server.request("GET", "/api/v1/entities/lock.back_door", again, null).json()
          .get("state").asText()).isEqualTo("unlocked");
    }
  }

  @Test
  @DisplayName("after kill -9 a restarted process still has the entities written before the flush interval")
  void survivesKill() throws Exception {
    int port = LocalPorts.free();
    Process first = startProcess(port);
    try {
      awaitHealthy(port);
      String token = login(port);
      Response put = TestServer.send(json(port, "PUT", "/api/v1/entities/sensor.crash_probe/state",
          token, "{\"state\":\"before-crash\"}"));
      assertThat(put.status()).isEqualTo(201);
      // Durable once flushed, which the documented interval (200 ms) does on an idle machine; on a
      // busy one the flush comes later, so wait until another reader sees it committed.
      Await.until("the change to be committed to the database", () -> committedState(
          "sensor.crash_probe").equals("before-crash"));
    } finally {
      first.destroyForcibly().waitFor();
    }
    Process second = startProcess(port);
    try {
      awaitHealthy(port);
      String token = login(port);
      Response get = TestServer.send(json(port, "GET", "/api/v1/entities/sensor.crash_probe", token,
          null));
      assertThat(get.status()).isEqualTo(200);
      assertThat(get.json().get("state").asText()).isEqualTo("before-crash");
    } finally {
      second.destroyForcibly().waitFor();
    }
  }

  private Process startProcess(int port) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder builder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
        "io.pma.Main");
    builder.environment().put("PMA_SERVER_PORT", Integer.toString(port));
    builder.environment().put("PMA_SERVER_HOST", "127.0.0.1");
    builder.environment().put("PMA_STORAGE_DATA_DIR", dataDir.toString());
    builder.environment().put("PMA_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
    builder.redirectErrorStream(true);
    builder.redirectOutput(new File(dataDir.toFile(), "server.log"));
    return builder.start();
  }

  /** The state the database file holds for an entity, as another process reads it ("" if none). */
  private String committedState(String entityId) {
    try (Connection db = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("pma.db"));
        PreparedStatement query = db.prepareStatement(
            "SELECT state FROM entities WHERE entity_id = ?")) {
      query.setString(1, entityId);
      try (ResultSet row = query.executeQuery()) {
        return row.next() ? row.getString(1) : "";
      }
    } catch (SQLException busyOrNotCreatedYet) {
      return "";
    }
  }

  private static void awaitHealthy(int port) {
    Await.until("the server to be healthy", () -> {
      try {
        return TestServer.send(json(port, "GET", "/health", null, null)).status() == 200;
      } catch (IllegalStateException notYet) {
        return false; // connection refused while the process starts
      }
    });
  }

  private static String login(int port) {
    return TestServer.send(json(port, "POST", "/api/v1/auth/login", null,
        "{\"username\":\"admin\",\"password\":\"" + TestServer.ADMIN_PASSWORD + "\"}"))
        .json().get("token").asText();
  }

  private static HttpRequest json(int port, String method, String path, String token,
      String body) {
    return TestServer.jsonRequest("http://127.0.0.1:" + port + path, method, token, body);
  }
}
