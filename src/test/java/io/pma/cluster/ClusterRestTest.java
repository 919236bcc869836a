package io.pma.cluster;

import io.pma.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pma.TestServer;
import io.pma.domain.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterRestTest {
  private final RedisProcess redis = RedisProcess.start();

  @AfterEach
  void stopRedis() {
    redis.close();
  }

  @Test
  @DisplayName("an entity written through node A is read back from node B, and its removal too")
  void changesReachOtherNode() {
    try (TestServer a = TestServer.start(TestCluster.env(redis, "a"));
        TestServer b = TestServer.start(TestCluster.env(redis, "b"))) {
      String token = a.adminToken();
      String body = Json.object().put("state", "on").put("name", "Desk lamp").put("area", "office")
          .set("attributes", Json.object().put("brightness", 120)).toString();
      assertThat(a.request("PUT", "/api/v1/entities/light.desk/state", token, body).status())
          .isEqualTo(201);
      String tokenB = b.adminToken();
      Await.until("light.desk on node B", () -> b.request("GET", "/api/v1/entities/light.desk", tokenB, null).status() == 200);
      var onB = b.request("GET", "/api/v1/entities/light.desk", tokenB, null).json();
      var onA = a.request("GET", "/api/v1/entities/light.desk", token, null).json();
      assertThat(onB).isEqualTo(onA);
      assertThat(onB.get("area").asText()).isEqualTo("office");
      assertThat(b.request("DELETE", "/api/v1/entities/light.desk", tokenB, null).status())
          .isEqualTo(204);
      Await.until("removal on node A", () -> a.request("GET", "/api/v1/entities/light.desk", token, null).status() == 404);
    }
  }

  @Test
  @DisplayName("/health reports the event bus down while Redis is gone, and ok once it is back")
  void healthFollowsRedis() {
    try (TestServer a = TestServer.start(TestCluster.env(redis, "a"))) {
      assertThat(a.request("GET", "/health", null, null).json().at("/checks/event_bus/status")
          .asText()).isEqualTo("ok");
      redis.kill();
      Await.until("health down", () -> a.request("GET", "/health", null, null).status() == 503);
      assertThat(a.request("GET", "/health", null, null).json().at("/checks/event_bus/status")
          .asText()).isEqualTo("down");
      redis.launch();
      Await.until("health ok again", () -> a.request("GET", "/health", null, null).status() == 200);
    }
  }
}
