package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.ServerRig;
import io.pma.TestServer;
import io.pma.WsTestClient;
import io.pma.domain.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The glob CPU attack through the real server: a role-user account opens many sockets, each
 * subscribing to hundreds of globs written to make a backtracking matcher quadratic
 * ({@code *aaaa…ab<j>}), then changes an entity whose id is a long run of {@code a}. The server
 * keeps at most {@code websocket.max_glob_subscriptions} globs per connection, and an event costs
 * one linear test per distinct glob whose literal prefix or suffix it has (here: the globs with
 * stars at both ends): asserted as a count of work, not as a time.
 */
class GlobSubscriptionAttackTest {
  private static final int SOCKETS = 30;
  private static final int GLOBS_PER_SOCKET = 200;
  private static final int MAX_GLOBS = 50;
  private static final String ENTITY = "sensor." + "a".repeat(248);
  @RegisterExtension
  static final ServerRig rig = new ServerRig(Map.of("PMA_DEMO_ENABLED", "false"));

  @Test
  @DisplayName("adversarial globs past the per-connection cap are refused; an event tests each kept"
      + " glob once and an unrelated socket's ping is answered")
  void globFlood() throws Exception {
    String attacker = TestTokens.user(rig.server(), "glob-attacker");
    List<WsTestClient> sockets = new ArrayList<>();
    try (WsTestClient bystander = WsTestClient.connect(rig.server().wsUrl())) {
      bystander.authenticate(TestTokens.user(rig.server(), "glob-bystander"));
      bystander.subscribe("entity_updates:" + ENTITY);
      for (int s = 0; s < SOCKETS; s++) {
        WsTestClient socket = WsTestClient.connect(rig.server().wsUrl());
        sockets.add(socket);
        socket.authenticate(attacker);
      }
      for (int s = 0; s < SOCKETS; s++) {
        List<String> globs = new ArrayList<>();
        for (int j = 0; j < GLOBS_PER_SOCKET; j++) {
          // Half end in a literal (found by suffix, never tested against this id), half in a star.
          globs.add("entity_updates:*" + "a".repeat(124) + "b" + (s * GLOBS_PER_SOCKET + j)
              + (j % 2 == 0 ? "" : "*"));
        }
        sockets.get(s).send(Json.object().put("type", "subscribe").set("data",
            Json.object().set("topics", Json.MAPPER.valueToTree(globs))).toString());
      }
      for (WsTestClient socket : sockets) {
        JsonNode kept = socket.next("subscription_success").get("data").get("topics");
        assertThat(kept).hasSize(MAX_GLOBS);
        JsonNode refused = socket.next("subscription_failure").get("data").get("topics");
        assertThat(refused).hasSize(GLOBS_PER_SOCKET - MAX_GLOBS);
        assertThat(refused.get(0).get("reason").asText()).isEqualTo("too many subscriptions");
      }
      put(attacker, "on");
      bystander.next("pma_entity_added");
      long before = rig.server().server().hub().globTests().get(10, TimeUnit.SECONDS);
      put(attacker, "off");
      assertThat(bystander.next("pma_entity_state_changed").get("data").get("new_state").asText())
          .isEqualTo("off");
      assertThat(bystander.untilPong()).isEmpty();
      long tested = rig.server().server().hub().globTests().get(10, TimeUnit.SECONDS) - before;
      assertThat(tested).isEqualTo((long) SOCKETS * MAX_GLOBS / 2);
    } finally {
      sockets.forEach(WsTestClient::close);
    }
  }

  private static void put(String token, String state) {
    TestServer.Response response = rig.server().request("PUT", "/api/v1/entities/" + ENTITY + "/state",
        token, "{\"state\":\"" + state + "\"}");
    assertThat(response.status()).as(response.body()).isIn(200, 201);
  }
}
