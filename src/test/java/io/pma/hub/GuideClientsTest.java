package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.Await;
import io.pma.Prerequisites;
import io.pma.Processes;
import io.pma.TestServer;
import io.pma.domain.EntityId;
import io.pma.domain.EntityUpdate;
import io.pma.domain.Json;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The clients of websocket-guide.md, copied unchanged into fixtures, against a real server: they
 * authenticate, subscribe to an entity, see its changes, and after the server drops their socket
 * their own reconnect and resubscribe bring the updates back.
 */
class GuideClientsTest {
  private static final Path NODE_DIR = Path.of("src/test/node");
  private static final Path PYTHON_DRIVER = Path.of("src/test/resources/guide/run_python_client.py");

  @Test
  @DisplayName("the guide's Python client (python3-websockets) works, reconnects and resubscribes")
  void pythonClient() throws Exception {
    String python = Prerequisites.pythonModule("websockets", "python3-websockets");
    // The guide's Python loop reconnects at once after a clean close (1001 ends "async for"
    // without ConnectionClosed), so it prints no "reconnecting" line there.
    exercise("sensor.guide_python", null,
        (url, token, entity) -> List.of(python, "-u", PYTHON_DRIVER.toString(), url,
            token, entity));
  }

  @Test
  @DisplayName("the guide's JavaScript client (Node, ws as WebSocket) works, reconnects and resubscribes")
  void javascriptClient() throws Exception {
    String node = Prerequisites.program("node", "nodejs");
    ensureNodeModules();
    exercise("sensor.guide_js", "Disconnected, reconnecting in 5s...",
        (url, token, entity) -> List.of(node, NODE_DIR.resolve("run_js_client.js").toString(),
            url, token, entity));
  }

  private interface Command {
    List<String> of(String url, String token, String entity);
  }

  private static void exercise(String entity, String disconnectLine, Command command)
      throws Exception {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_TICK_MS", "3600000"))) {
      String token = TestTokens.user(server, "guide");
      set(server, entity, "1");
      Process process = new ProcessBuilder(command.of(server.wsUrl(), token, entity))
          .redirectErrorStream(true).start();
      LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
      Thread reader = new Thread(() -> pump(process, lines), "guide-client-output");
      reader.setDaemon(true);
      reader.start();
      try {
        await(lines, l -> l.equals("Connected to PMA Backend"), 20);
        await(lines, l -> l.startsWith("MSG") && l.contains("\"authentication_success\""), 10);
        await(lines, l -> l.startsWith("MSG") && l.contains("\"subscription_success\"")
            && l.contains("entity_updates:" + entity), 10);
        set(server, entity, "2");
        await(lines, l -> l.equals("Entity " + entity + " changed state."), 10);

        // The server drops every socket (close 1001, as when it goes away) and stays up.
        server.server().hub().shutdown().get(10, TimeUnit.SECONDS);
        if (disconnectLine != null) {
          await(lines, l -> l.equals(disconnectLine), 20);
        }
        await(lines, l -> l.equals("Connected to PMA Backend"), 30);
        await(lines, l -> l.startsWith("MSG") && l.contains("\"subscription_success\"")
            && l.contains("entity_updates:" + entity), 10);
        set(server, entity, "3");
        String change = await(lines, l -> l.startsWith("MSG")
            && l.contains("pma_entity_state_changed"), 10);
        JsonNode data = Json.MAPPER.readTree(change.substring("MSG ".length())).get("data");
        assertThat(data.get("old_state").asText()).isEqualTo("2");
        assertThat(data.get("new_state").asText()).isEqualTo("3");
        await(lines, l -> l.equals("Entity " + entity + " changed state."), 10);
      } finally {
        Processes.end(process, true);
      }
    }
  }

  private static void set(TestServer server, String entity, String state) {
    server.server().registry().apply(EntityUpdate.of(EntityId.parse(entity), state, Json.object(),
        "test", null));
  }

  private static void pump(Process process, LinkedBlockingQueue<String> lines) {
    try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        lines.add(line);
      }
    } catch (IOException e) {
      lines.add("READ FAILED " + e);
    }
  }

  /** The first line matching {@code wanted} within the timeout; the lines before it are skipped. */
  private static String await(LinkedBlockingQueue<String> lines, Predicate<String> wanted,
      int seconds) {
    StringBuilder seen = new StringBuilder();
    try {
      return Await.take("expected line", lines, Duration.ofSeconds(seconds), wanted,
          line -> seen.append(line).append('\n'));
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "; saw:\n" + seen);
    }
  }

  /** The ws package is installed by .ci/run; a developer machine gets it here on first use. */
  private static void ensureNodeModules() throws Exception {
    if (Files.isDirectory(NODE_DIR.resolve("node_modules/ws"))) {
      return;
    }
    Process npm = new ProcessBuilder(Prerequisites.program("npm", "npm"), "ci", "--no-audit", "--no-fund")
        .directory(NODE_DIR.toFile()).inheritIO().start();
    assertThat(npm.waitFor(120, TimeUnit.SECONDS) && npm.exitValue() == 0)
        .as("npm ci in " + NODE_DIR).isTrue();
  }
}
