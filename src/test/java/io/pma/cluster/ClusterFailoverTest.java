package io.pma.cluster;

import io.pma.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pma.TestServer;
import io.pma.domain.EntityId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** One owner per adapter across three nodes: actions from any node, and failover. */
class ClusterFailoverTest {
  private static final EntityId KITCHEN = EntityId.parse("light.kitchen");
  @RegisterExtension
  final TestCluster cluster = new TestCluster();

  private TestServer node(String id) {
    // Renewed every 1.5 s, given up after 3 s without a renewal: a node on a busy machine keeps
    // what it holds; only a node that stopped (or crashed) hands it over.
    return cluster.node(id, Map.of("PMA_BROKER_LEASE_MS", "4500", "PMA_DEMO_ENABLED", "true",
        "PMA_DEMO_TICK_MS", "3600000"));
  }

  private List<TestServer> owners() {
    return cluster.nodes().stream()
        .filter(n -> n.server().cluster().orElseThrow().runsHere("demo")).toList();
  }

  private String stateOn(TestServer node) {
    return node.server().registry().get(KITCHEN).map(e -> e.state()).orElse("");
  }

  private void act(TestServer node, String token, String action) {
    TestServer.Response r = node.request("POST", "/api/v1/entities/light.kitchen/action", token,
        "{\"action\":\"" + action + "\"}");
    assertThat(r.status()).as(r.body()).isEqualTo(202);
  }

  @Test
  @DisplayName("the demo adapter runs on exactly one of three nodes; actions work from every node; it moves when its node stops")
  void oneOwnerAndFailover() {
    node("a");
    node("b");
    node("c");
    Await.until("one node running the demo adapter", () -> owners().size() == 1);
    TestServer owner = owners().get(0);
    Await.until("demo entities everywhere", () -> cluster.nodes().stream().allMatch(n -> !stateOn(n).isEmpty()));
    String token = cluster.nodes().get(0).adminToken();
    for (TestServer node : cluster.nodes()) {
      String next = "on".equals(stateOn(node)) ? "off" : "on";
      act(node, token, "on".equals(next) ? "turn_on" : "turn_off");
      Await.until("light.kitchen " + next + " on every node after an action through " + node.port(), () -> cluster.nodes().stream().allMatch(n -> next.equals(stateOn(n))));
    }
    assertThat(owners()).containsExactly(owner);

    owner.close();
    cluster.nodes().remove(owner);
    Await.until("another node running the demo adapter", () -> owners().size() == 1);
    TestServer survivor = cluster.nodes().get(0);
    String next = "on".equals(stateOn(survivor)) ? "off" : "on";
    act(survivor, token, "on".equals(next) ? "turn_on" : "turn_off");
    Await.until("action after failover", () -> cluster.nodes().stream().allMatch(n -> next.equals(stateOn(n))));
    assertThat(survivor.request("GET", "/api/v1/adapters", token, null).body())
        .contains("\"connected\"");
  }

  @Test
  @DisplayName("when the owner dies without a word its lease expires and another node takes the adapter over")
  void ownerCrash() {
    node("a");
    node("b");
    Await.until("one node running the demo adapter", () -> owners().size() == 1);
    TestServer owner = owners().get(0);
    List<TestServer> nodes = cluster.nodes();
    TestServer other = nodes.get(0) == owner ? nodes.get(1) : nodes.get(0);
    // A crash: the owner's event loops and timers stop at once; its lease is never released.
    owner.server().vertx().close();
    cluster.nodes().remove(owner);
    Await.until("the other node running the demo adapter after the lease expired", () -> other.server().cluster().orElseThrow().runsHere("demo"));
    String token = other.adminToken();
    String next = "on".equals(stateOn(other)) ? "off" : "on";
    act(other, token, "on".equals(next) ? "turn_on" : "turn_off");
    Await.until("an action on the new owner", () -> next.equals(stateOn(other)));
  }
}
