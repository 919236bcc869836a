package io.pma.cluster;

import io.pma.Await;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.TestServer;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Adapter statuses are the cluster's, not a node's: a node that joins late reports them too. */
class ClusterAdapterStatusTest {
  @RegisterExtension
  final TestCluster cluster = new TestCluster();

  private TestServer node(String id) {
    return cluster.node(id, Map.of("PMA_DEMO_ENABLED", "true", "PMA_DEMO_TICK_MS", "3600000"));
  }

  private static JsonNode demoStatus(TestServer node, String token) {
    JsonNode adapters = node.request("GET", "/api/v1/adapters", token, null).json();
    for (JsonNode adapter : adapters) {
      if ("demo".equals(adapter.get("adapter_id").asText())) {
        return adapter;
      }
    }
    throw new AssertionError("no demo adapter in " + adapters);
  }

  @Test
  @DisplayName("a node that joins after another took the demo adapter reports it connected, and its /health and /health/ready match")
  void lateJoinerSeesStatus() {
    TestServer a = node("a");
    String token = a.adminToken();
    Await.until("node A running the demo adapter", () -> a.server().cluster().orElseThrow().runsHere("demo")
        && "connected".equals(demoStatus(a, token).get("status").asText()));

    TestServer b = node("b");
    assertThat(b.server().cluster().orElseThrow().runsHere("demo")).isFalse();
    JsonNode onA = demoStatus(a, token);
    JsonNode onB = demoStatus(b, token);
    assertThat(onB.get("status")).isEqualTo(onA.get("status"));
    assertThat(onB.get("healthy")).isEqualTo(onA.get("healthy"));
    assertThat(onB.get("connected_since")).isEqualTo(onA.get("connected_since"));

    TestServer.Response healthA = a.request("GET", "/health", null, null);
    TestServer.Response healthB = b.request("GET", "/health", null, null);
    assertThat(healthB.status()).isEqualTo(healthA.status()).isEqualTo(200);
    assertThat(healthB.json().get("status")).isEqualTo(healthA.json().get("status"));
    assertThat(healthB.json().at("/checks/adapters"))
        .isEqualTo(healthA.json().at("/checks/adapters"));

    TestServer.Response readyA = a.request("GET", "/health/ready", null, null);
    TestServer.Response readyB = b.request("GET", "/health/ready", null, null);
    assertThat(readyB.status()).isEqualTo(readyA.status()).isEqualTo(200);
    assertThat(readyB.json()).isEqualTo(readyA.json());
  }
}
