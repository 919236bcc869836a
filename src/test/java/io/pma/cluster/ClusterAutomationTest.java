package io.pma.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.Await;
import io.pma.TestServer;
import io.pma.bus.Published;
import io.pma.domain.AutomationTriggered;
import io.pma.domain.Notification;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Automations in a cluster: one node runs the rules; rules written anywhere are seen everywhere. */
class ClusterAutomationTest {
  @RegisterExtension
  final TestCluster cluster = new TestCluster();

  private TestServer node(String id) {
    // Renewed every 1.5 s, given up after 3 s without a renewal: a node on a busy machine keeps
    // what it holds; only a node that stopped (or crashed) hands it over.
    return cluster.node(id, Map.of("PMA_BROKER_LEASE_MS", "4500"));
  }

  private List<TestServer> leaders() {
    return cluster.nodes().stream().filter(n -> n.server().automationEngine().leading()).toList();
  }

  private static List<AutomationTriggered> record(TestServer node) {
    List<AutomationTriggered> seen = new CopyOnWriteArrayList<>();
    node.server().broker().subscribe((Published p) -> {
      if (p.event() instanceof AutomationTriggered t) {
        seen.add(t);
      }
    });
    return seen;
  }

  /**
   * Waits until everything published so far has been handled everywhere: a marker from the
   * observer reaches every node (the stream is ordered, so every earlier event did too), every
   * engine works off what it was handed, then a marker from every node reaches the observer (so
   * whatever the engines published did too).
   */
  private void settle(TestServer observer) throws Exception {
    Map<TestServer, List<String>> markers = new HashMap<>();
    for (TestServer node : cluster.nodes()) {
      List<String> seen = new CopyOnWriteArrayList<>();
      markers.put(node, seen);
      node.server().broker().subscribe((Published p) -> {
        if (p.event() instanceof Notification n) {
          seen.add(n.id());
        }
      });
    }
    String first = marker(observer);
    for (TestServer node : cluster.nodes()) {
      Await.until("marker at " + node.port(), () -> markers.get(node).contains(first));
      node.server().automationEngine().settled().toCompletionStage().toCompletableFuture()
          .get(Await.TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
    for (TestServer node : cluster.nodes()) {
      String id = marker(node);
      Await.until("marker from " + node.port(), () -> markers.get(observer).contains(id));
    }
  }

  private static String marker(TestServer node) {
    String id = "marker-" + node.port() + "-" + System.nanoTime();
    node.server().broker().publish(new Notification(id, "m", "m", "info", "test", null,
        Instant.now()));
    return id;
  }

  @Test
  @DisplayName("a rule created on one node fires once per trigger in a cluster, and moves when its node stops")
  void oncePerTriggerAndFailover() throws Exception {
    TestServer a = node("a");
    TestServer b = node("b");
    Await.until("one node running the rules", () -> leaders().size() == 1);
    String token = a.adminToken();
    TestServer follower = leaders().get(0) == a ? b : a;
    List<AutomationTriggered> seen = record(follower);
    TestServer.Response created = follower.request("POST", "/api/v1/automations", token,
        "{\"id\":\"cluster_rule\",\"name\":\"Cluster rule\",\"triggers\":[{\"type\":\"state\","
            + "\"entity_id\":\"sensor.c_load\",\"to\":\"high\"}],\"actions\":[{\"type\":"
            + "\"notify\",\"message\":\"load is high\"}]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    TestServer leader = leaders().get(0);
    Await.until("the rule on the leading node", () -> leader.request("GET", "/api/v1/automations/cluster_rule", token, null).status()
        == 200);
    // The leader takes the rule over from the store within the refresh interval.
    Await.until("the rule firing", () -> {
      follower.request("PUT", "/api/v1/entities/sensor.c_load/state", token,
          "{\"state\":\"low\"}");
      follower.request("PUT", "/api/v1/entities/sensor.c_load/state", token,
          "{\"state\":\"high\"}");
      return !seen.isEmpty();
    });
    settle(follower);
    int fired = seen.size();
    follower.request("PUT", "/api/v1/entities/sensor.c_load/state", token, "{\"state\":\"low\"}");
    follower.request("PUT", "/api/v1/entities/sensor.c_load/state", token, "{\"state\":\"high\"}");
    Await.until("the rule firing again", () -> seen.size() > fired);
    settle(follower);
    assertThat(seen).hasSize(fired + 1);
    String last = seen.get(fired).executionId();
    Await.until("the leader's run stored and listed on the other node", () -> follower.request("GET", "/api/v1/automations/cluster_rule/runs", token, null)
        .json().get(0).get("execution_id").asText().equals(last));

    leader.close();
    cluster.nodes().remove(leader);
    Await.until("the other node leading", () -> follower.server().automationEngine().leading());
    follower.request("PUT", "/api/v1/entities/sensor.c_load/state", token, "{\"state\":\"low\"}");
    follower.request("PUT", "/api/v1/entities/sensor.c_load/state", token, "{\"state\":\"high\"}");
    Await.until("the rule firing on the node left", () -> seen.size() == fired + 2);
  }

  @Test
  @DisplayName("rules changed or deleted through one node are followed by the others")
  void changesReachOtherNodes() {
    TestServer a = node("a");
    TestServer b = node("b");
    String token = a.adminToken();
    assertThat(a.request("POST", "/api/v1/automations", token, "{\"id\":\"shared\",\"name\":"
        + "\"Shared\",\"triggers\":[{\"type\":\"manual\"}],\"actions\":[{\"type\":\"notify\","
        + "\"message\":\"x\"}]}").status()).isEqualTo(201);
    Await.until("the rule on node B", () -> b.request("GET", "/api/v1/automations/shared", token, null).status() == 200);
    assertThat(b.request("POST", "/api/v1/automations/shared/disable", token, null).status())
        .isEqualTo(200);
    Await.until("node A seeing the rule disabled", () -> !a.request("GET", "/api/v1/automations/shared", token, null).json()
        .get("enabled").asBoolean());
    assertThat(b.request("DELETE", "/api/v1/automations/shared", token, null).status())
        .isEqualTo(204);
    Await.until("node A seeing the rule deleted", () -> a.request("GET", "/api/v1/automations/shared", token, null).status() == 404);
  }
}
