package io.pma.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.Await;
import io.pma.TestServer;
import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import io.pma.domain.EntityUpdate;
import io.pma.domain.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * History on two nodes sharing Redis and PostgreSQL: both record every change, stored once, with
 * the context it carried through the stream.
 */
class ClusterHistoryTest {
  private static long rows(TestServer node) {
    return node.server().database().withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM history_states")) {
        ResultSet rs = ps.executeQuery();
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private static void flushed(TestServer node) {
    node.server().history().flushed().join();
  }

  @Test
  @DisplayName("changes made on either node are in the history read from either node, once each")
  void bothNodesRecordOnce() {
    try (TestCluster cluster = new TestCluster()) {
      TestServer a = cluster.node("a", Map.of());
      TestServer b = cluster.node("b", Map.of());
      String tokenA = a.adminToken();
      String tokenB = b.adminToken();
      for (int i = 0; i < 6; i++) {
        TestServer node = i % 2 == 0 ? a : b;
        String token = i % 2 == 0 ? tokenA : tokenB;
        TestServer.Response r = node.request("PUT", "/api/v1/entities/sensor.shared/state", token,
            Json.object().put("state", Integer.toString(i)).toString());
        assertThat(r.status()).as(r.body()).isLessThan(300);
        // The other node applies it before the next write, so each write is a change.
        int expected = i;
        TestServer other = node == a ? b : a;
        Await.until("node sees " + i, () -> other.server().registry()
            .get(io.pma.domain.EntityId.parse("sensor.shared"))
            .map(e -> e.state().equals(Integer.toString(expected))).orElse(false));
      }
      Await.until("both recorders wrote everything", () -> {
        flushed(a);
        flushed(b);
        return rows(a) == 6;
      });
      String path = "/api/v1/history?entity_id=sensor.shared&minimal=true&start="
          + java.time.Instant.now().minusSeconds(3600);
      JsonNode fromA = a.request("GET", path, tokenA, null).json().get("sensor.shared");
      JsonNode fromB = b.request("GET", path, tokenB, null).json().get("sensor.shared");
      assertThat(fromA).isEqualTo(fromB);
      assertThat(fromA).extracting(n -> n.get("s").asText())
          .containsExactly("0", "1", "2", "3", "4", "5");
      assertThat(rows(a)).isEqualTo(6);
    }
  }

  @Test
  @DisplayName("contexts reach the history across nodes: a rule on one node, the devices on the"
      + " other, the same logbook from both")
  void contextsAcrossNodes() throws Exception {
    try (TestCluster cluster = new TestCluster()) {
      lease(cluster, "automations", "a");
      lease(cluster, "adapter:demo", "b");
      Map<String, String> demo = Map.of("PMA_DEMO_ENABLED", "true", "PMA_DEMO_TICK_MS",
          "3600000");
      TestServer a = cluster.node("a", demo);
      TestServer b = cluster.node("b", demo);
      String token = a.adminToken();
      Await.until("the demo devices on the node running the rules", () -> a.request("GET",
          "/api/v1/entities/lock.front_door", token, null).status() == 200);
      assertThat(a.request("POST", "/api/v1/automations", token, "{\"id\":\"motion_light\","
          + "\"name\":\"Motion light\",\"triggers\":[{\"type\":\"state\",\"entity_id\":"
          + "\"binary_sensor.hallway_motion\",\"to\":\"on\"}],\"actions\":[{\"type\":"
          + "\"entity_action\",\"entity_id\":\"light.kitchen\",\"action\":\"turn_on\"}]}")
          .status()).isEqualTo(201);
      String start = Instant.now().minusSeconds(1).toString();
      // The motion sensor reports on the node running the devices; the rule runs on the other,
      // whose action goes back to the devices' node.
      EntityId motion = EntityId.parse("binary_sensor.hallway_motion");
      Entity current = b.server().registry().get(motion).orElseThrow();
      b.server().registry().apply(new EntityUpdate(motion, "on", current.attributes(), "demo",
          "demo", current.name(), current.area(), true));
      awaitState(a, "light.kitchen", "on");
      // Sent to node b, answered by its demo lock.
      assertThat(b.request("POST", "/api/v1/entities/lock.front_door/action", token,
          "{\"action\":\"unlock\"}").status()).isEqualTo(202);
      awaitState(a, "lock.front_door", "unlocked");
      String path = "/api/v1/logbook?entity_id=light.kitchen,lock.front_door&start=" + start;
      Await.until("both recorders wrote everything", () -> {
        flushed(a);
        flushed(b);
        return a.request("GET", path, token, null).body().contains("unlocked by admin");
      });
      JsonNode fromA = a.request("GET", path, token, null).json();
      JsonNode fromB = b.request("GET", path, token, null).json();
      assertThat(fromA).isEqualTo(fromB);
      assertThat(fromA).extracting(e -> e.get("name").asText() + " "
          + e.get("message").asText()).endsWith( // after the devices' first reports, if any
          "Kitchen Light turned on by automation Motion light (triggered by Hallway Motion)",
          "Front Door Lock unlocked by admin");
      // The stored contexts are the ones the entities carry on both nodes.
      for (int i = fromA.size() - 2; i < fromA.size(); i++) {
        JsonNode entry = fromA.get(i);
        String entity = "/api/v1/entities/" + entry.get("entity_id").asText();
        assertThat(entry.get("context").get("id").asText())
            .isEqualTo(b.request("GET", entity, token, null).json().get("context_id").asText())
            .isEqualTo(a.request("GET", entity, token, null).json().get("context_id").asText());
      }
    }
  }

  private static void awaitState(TestServer node, String entityId, String state) {
    Await.until(entityId + " " + state, () -> node.server().registry()
        .get(EntityId.parse(entityId)).map(e -> e.state().equals(state)).orElse(false));
  }

  /** Gives a lease to a node before it starts, so the test knows which node holds what. */
  private static void lease(TestCluster cluster, String lease, String node) throws Exception {
    Process cli = new ProcessBuilder("redis-cli", "-p", Integer.toString(cluster.redis().port()),
        "SET", "pma:lease:" + lease, node, "PX", "60000").redirectErrorStream(true).start();
    assertThat(cli.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(new String(cli.getInputStream().readAllBytes()).trim()).isEqualTo("OK");
  }
}
