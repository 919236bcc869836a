package io.pma.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.Await;
import io.pma.TestServer;
import io.pma.domain.Json;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** History on two nodes sharing Redis and PostgreSQL: both record every change, stored once. */
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
}
