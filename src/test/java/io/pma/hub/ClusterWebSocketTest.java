package io.pma.hub;

import static io.pma.hub.ResumeRig.assertEveryEventOnce;
import static io.pma.hub.ResumeRig.publishedEntitySeqs;
import static io.pma.hub.ResumeRig.resumeWhileWriting;
import static io.pma.hub.ResumeRig.seqAfter;
import static io.pma.hub.ResumeRig.set;
import static io.pma.hub.ResumeRig.subscribed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.TestServer;
import io.pma.WsTestClient;
import io.pma.cluster.TestCluster;
import io.pma.domain.EntityId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several PMA nodes against one real Redis and one real PostgreSQL: what a client on one node sees of
 * changes made on another, resuming on another node after its node stopped, and revocations.
 */
class ClusterWebSocketTest {
  @RegisterExtension
  final TestCluster cluster = new TestCluster();

  /** Two nodes, and an admin's token (taken on node A, good on both). */
  private TestServer a;
  private TestServer b;
  private String admin;

  @BeforeEach
  void twoNodes() {
    a = cluster.node("a", Map.of());
    b = cluster.node("b", Map.of());
    admin = a.adminToken();
  }

  @Test
  @DisplayName("changes made on node A reach a subscriber on node B, all of them, in order")
  void changesReachOtherNode() {
    try (WsTestClient onB = subscribed(b, admin, "entity_updates:light.*")) {
      for (int i = 0; i < 200; i++) {
        set(a, "light.hall", i % 2 == 0 ? "on" : "off", i);
      }
      JsonNode added = onB.next("pma_entity_added");
      long previous = added.get("seq").asLong();
      for (int i = 1; i < 200; i++) {
        JsonNode changed = onB.next("pma_entity_state_changed");
        assertThat(changed.get("seq").asLong()).isGreaterThan(previous);
        assertThat(changed.at("/data/attributes/level").asInt()).isEqualTo(i);
        assertThat(changed.at("/data/new_state").asText()).isEqualTo(i % 2 == 0 ? "on" : "off");
        previous = changed.get("seq").asLong();
      }
      assertThat(b.server().registry().get(EntityId.parse("light.hall")).orElseThrow())
          .isEqualTo(a.server().registry().get(EntityId.parse("light.hall")).orElseThrow());
    }
  }

  @Test
  @DisplayName("a client whose node stops resumes on another node with no event lost or repeated")
  void resumeOnAnotherNode() throws Exception {
    List<Long> published = publishedEntitySeqs(b);
    ResumeRig.Writer writer = new ResumeRig.Writer(b, 3, 1_000_000);
    long lastSeq;
    try (WsTestClient onA = subscribed(a, admin, "entity_updates:light.*")) {
      lastSeq = seqAfter(onA, 30);
      a.close();
      cluster.nodes().remove(a);
      assertThat(onA.awaitClose()).isEqualTo(1001);
    }
    ResumeRig.Resumed onB = resumeWhileWriting(b, admin,
        "{\"type\":\"resume\",\"data\":{\"last_seq\":" + lastSeq + "}}", 100, writer);
    assertEveryEventOnce(onB, published, lastSeq);
  }

  @Test
  @DisplayName("a token revoked through node A ends the authentication of its socket on node B")
  void revocationReachesOtherNode() {
    JsonNode created = a.createToken(admin, "{\"name\":\"wall panel\",\"expires_in_days\":30}");
    try (WsTestClient onB = subscribed(b, created.get("token").asText(), "entity_updates")) {
      assertThat(a.revokeToken(admin, created.get("id").asText())).isEqualTo(204);
      JsonNode expired = onB.next("authentication_expired");
      assertThat(expired.at("/data/revoked_topics").toString()).isEqualTo("[\"entity_updates\"]");
    }
    TestServer.Response user = a.request("POST", "/api/v1/users", admin,
        "{\"username\":\"panel\",\"password\":\"password-panel\",\"roles\":[\"user\"]}");
    assertThat(user.status()).as(user.body()).isEqualTo(201);
    String userToken = b.login("panel", "password-panel");
    try (WsTestClient onB = subscribed(b, userToken, "entity_updates")) {
      assertThat(a.request("PATCH", "/api/v1/users/" + user.json().get("id").asText(), admin,
          "{\"disabled\":true}").status()).isEqualTo(200);
      onB.next("authentication_expired");
    }
  }

  @Test
  @DisplayName("revoking a token on one node ends its descendants on another, sockets included; a spent session stays spent there")
  void lineageRevocationReachesOtherNode() {
    JsonNode kiosk = a.createToken(admin,
        "{\"name\":\"kiosk\",\"expires_in_days\":30,\"topics\":[\"entity_updates:light.*\"]}");
    String childToken = b.createToken(kiosk.get("token").asText(),
        "{\"name\":\"lamp\",\"expires_in_days\":1}").get("token").asText();
    try (WsTestClient onB = subscribed(b, childToken, "entity_updates:light.*")) {
      assertThat(a.revokeToken(admin, kiosk.get("id").asText())).isEqualTo(204);
      onB.next("authentication_expired");
    }
    assertThat(b.request("GET", "/api/v1/entities", childToken, null).status()).isEqualTo(401);
    String session = b.login("admin", TestServer.ADMIN_PASSWORD);
    assertThat(a.request("POST", "/api/v1/auth/refresh", session, null).status()).isEqualTo(200);
    assertThat(b.request("POST", "/api/v1/auth/refresh", session, null).status())
        .as("the same session token refreshed again on the other node").isEqualTo(401);
  }
}
