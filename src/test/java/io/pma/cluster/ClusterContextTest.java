package io.pma.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.Await;
import io.pma.TestServer;
import io.pma.WsTestClient;
import io.pma.automation.ChainDepth;
import io.pma.bus.Published;
import io.pma.domain.Notification;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Contexts cross nodes unchanged (PROTOCOL.md section 9), and so the automation loop guard, which
 * reads them, stops a rule loop across nodes exactly as on one node ({@code ModesAndLoopsTest}).
 */
class ClusterContextTest {
  /** As in ModesAndLoopsTest: a loop ends with five runs (depth 0 to 4) and one suppressed. */
  private static final Map<String, String> LOOP_GUARD = Map.of("PMA_BROKER_LEASE_MS", "4500",
      "PMA_AUTOMATION_MAX_CHAIN_DEPTH", "4", "PMA_AUTOMATION_MAX_RUNS_PER_SECOND", "5",
      "PMA_DEMO_TICK_MS", "3600000");

  @RegisterExtension
  final TestCluster cluster = new TestCluster();

  private TestServer node(String id, Map<String, String> extra) {
    Map<String, String> env = new java.util.HashMap<>(LOOP_GUARD);
    env.putAll(extra);
    return cluster.node(id, env);
  }

  /** Gives a lease to a node before it starts, so the test knows which node holds what. */
  private void grant(String lease, String node) throws IOException, InterruptedException {
    assertThat(redis("SET", "pma:lease:" + lease, node, "PX", "60000")).isEqualTo("OK");
  }

  private String redis(String... command) throws IOException, InterruptedException {
    List<String> line = new ArrayList<>(List.of("redis-cli", "-p",
        Integer.toString(cluster.redis().port())));
    line.addAll(List.of(command));
    Process cli = new ProcessBuilder(line).redirectErrorStream(true).start();
    assertThat(cli.waitFor(10, TimeUnit.SECONDS)).isTrue();
    return new String(cli.getInputStream().readAllBytes()).trim();
  }

  private static WsTestClient socket(TestServer node, String token, String topic) {
    return WsTestClient.connect(node).authenticate(token).subscribe(topic);
  }

  @Test
  @DisplayName("an event reaches the sockets and registries of both nodes with the same context")
  void contextAcrossNodes() {
    TestServer a = node("a", Map.of());
    TestServer b = node("b", Map.of());
    String token = a.adminToken();
    try (WsTestClient onA = socket(a, token, "entity_updates:sensor.cc_load");
        WsTestClient onB = socket(b, token, "entity_updates:sensor.cc_load")) {
      assertThat(a.request("PUT", "/api/v1/entities/sensor.cc_load/state", token,
          "{\"state\":\"7\"}").status()).isEqualTo(201);
      JsonNode seenOnA = onA.first("pma_entity_added");
      JsonNode seenOnB = onB.first("pma_entity_added");
      assertThat(seenOnB.get("context")).isEqualTo(seenOnA.get("context"));
      assertThat(seenOnB.get("context").get("user_id").isTextual()).isTrue();
      assertThat(seenOnB.get("seq")).isEqualTo(seenOnA.get("seq"));
      String id = seenOnA.get("context").get("id").asText();
      assertThat(b.request("GET", "/api/v1/entities/sensor.cc_load", token, null).json()
          .get("context_id").asText()).isEqualTo(id);
    }
  }

  @Test
  @DisplayName("a rule that re-triggers itself through its own event stops at the chain depth in a cluster")
  void eventLoopAcrossNodes() throws Exception {
    grant("automations", "a");
    TestServer a = node("a", Map.of());
    TestServer b = node("b", Map.of());
    String token = b.adminToken();
    assertThat(b.request("POST", "/api/v1/automations", token, "{\"id\":\"c_echo\",\"name\":"
        + "\"echo\",\"mode\":\"parallel\",\"triggers\":[{\"type\":\"event\",\"event_type\":"
        + "\"c_echo\"}],\"actions\":[{\"type\":\"fire_event\",\"event_type\":\"c_echo\"}]}")
        .status()).isEqualTo(201);
    Await.until("the rule on the node running the rules", () -> a.request("GET",
        "/api/v1/automations/c_echo", token, null).status() == 200);
    assertThat(a.request("POST", "/api/v1/automations/c_echo/trigger", token, null).status())
        .isEqualTo(202);
    List<JsonNode> runs = loopEnded(a, b, token, "c_echo");
    ChainDepth.assertStoppedAtMaxDepth(runs);
  }

  @Test
  @DisplayName("a rule on one node that re-triggers itself through a device on the other stops at the chain depth")
  void deviceLoopAcrossNodes() throws Exception {
    grant("automations", "a");
    grant("adapter:demo", "b");
    Map<String, String> demo = Map.of("PMA_DEMO_ENABLED", "true");
    TestServer a = node("a", demo);
    TestServer b = node("b", demo);
    String token = a.adminToken();
    Await.until("the demo switch on the node running the rules", () -> a.request("GET",
        "/api/v1/entities/switch.garden_pump", token, null).status() == 200);
    assertThat(a.server().automationEngine().leading()).isTrue();
    assertThat(a.request("POST", "/api/v1/automations", token, "{\"id\":\"c_flicker\",\"name\":"
        + "\"flicker\",\"mode\":\"queued\",\"triggers\":[{\"type\":\"state\",\"entity_id\":"
        + "\"switch.garden_pump\"}],\"actions\":[{\"type\":\"entity_action\",\"entity_id\":"
        + "\"switch.garden_pump\",\"action\":\"toggle\"}]}").status()).isEqualTo(201);
    assertThat(a.request("POST", "/api/v1/entities/switch.garden_pump/action", token,
        "{\"action\":\"toggle\"}").status()).isEqualTo(202);
    List<JsonNode> runs = loopEnded(a, b, token, "c_flicker");
    assertThat(runs).extracting(r -> r.get("result").asText()).hasSize(6)
        .startsWith("suppressed").containsOnlyOnce("suppressed");
    assertThat(runs.get(0).get("error").asText()).startsWith("chain of runs triggered by runs");
    assertThat(runs.subList(1, 6)).extracting(r -> r.get("depth").asInt())
        .containsExactly(4, 3, 2, 1, 0);
    assertThat(redis("GET", "pma:lease:adapter:demo")).as("the node running the demo devices")
        .isEqualTo("b");
  }

  /**
   * Waits until the loop was suppressed, then until everything in flight has arrived: a marker
   * from {@code other} reaches {@code leader} (the stream is ordered, so whatever {@code other}
   * published before did too) and the leader's engine is idle. Returns the runs, newest first.
   */
  private static List<JsonNode> loopEnded(TestServer leader, TestServer other, String token,
      String rule) throws Exception {
    Await.until("the loop suppressed", () -> {
      JsonNode runs = leader.request("GET", "/api/v1/automations/" + rule + "/runs", token, null)
          .json();
      return runs.size() > 0 && runs.get(0).get("result").asText().equals("suppressed");
    });
    List<String> markers = new CopyOnWriteArrayList<>();
    leader.server().broker().subscribe((Published p) -> {
      if (p.event() instanceof Notification n) {
        markers.add(n.id());
      }
    });
    String marker = "marker-" + System.nanoTime();
    other.server().broker().publish(new Notification(marker, "m", "m", "info", "test", null,
        Instant.now()));
    Await.until("the marker from the other node", () -> markers.contains(marker));
    leader.server().automationEngine().settled().toCompletionStage().toCompletableFuture()
        .get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    List<JsonNode> runs = new ArrayList<>();
    leader.request("GET", "/api/v1/automations/" + rule + "/runs", token, null).json()
        .forEach(runs::add);
    return runs;
  }
}
