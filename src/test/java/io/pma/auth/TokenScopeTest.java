package io.pma.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.ServerRig;
import io.pma.TestServer.Response;
import io.pma.WsTestClient;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A kiosk token ({@code topics: ["entity_updates:light.*"]}) attacking the REST API of the real
 * server: it reaches only its entities, administers nothing, mints only narrower tokens, and what
 * it mints dies with it (REST and open sockets).
 */
class TokenScopeTest {
  private static final String KIOSK_TOPICS = "[\"entity_updates:light.*\"]";
  @RegisterExtension
  static final ServerRig rig = new ServerRig();

  private static Response mint(String token, String name, int days, String topics) {
    return rig.server().request("POST", "/api/v1/auth/tokens", token, "{\"name\":\"" + name
        + "\",\"expires_in_days\":" + days + (topics == null ? "" : ",\"topics\":" + topics)
        + "}");
  }

  private static String kiosk(String name) {
    Response created = mint(rig.admin(), name, 30, KIOSK_TOPICS);
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    return created.json().get("token").asText();
  }

  private static List<String> entityIds(String token) {
    List<String> ids = new ArrayList<>();
    rig.server().request("GET", "/api/v1/entities", token, null).json()
        .forEach(e -> ids.add(e.get("entity_id").asText()));
    return ids;
  }

  @Test
  @DisplayName("entities: the list is filtered; get, action, state and delete outside the topics are 403")
  void entitiesWithinTopicsOnly() {
    String kiosk = kiosk("hall kiosk");
    List<String> all = entityIds(rig.admin());
    List<String> lights = all.stream().filter(id -> id.startsWith("light.")).toList();
    assertThat(lights).isNotEmpty();
    assertThat(entityIds(kiosk)).containsExactlyElementsOf(lights);
    String light = lights.get(0);
    assertThat(rig.server().request("GET", "/api/v1/entities/" + light, kiosk, null).status())
        .isEqualTo(200);
    assertThat(rig.server().request("POST", "/api/v1/entities/" + light + "/action", kiosk,
        "{\"action\":\"toggle\"}").status()).isEqualTo(202);
    assertThat(rig.server().request("GET", "/api/v1/entities/lock.front_door", kiosk, null).status())
        .isEqualTo(403);
    assertThat(rig.server().request("POST", "/api/v1/entities/lock.front_door/action", kiosk,
        "{\"action\":\"unlock\"}").status()).isEqualTo(403);
    assertThat(rig.server().request("PUT", "/api/v1/entities/sensor.fake/state", kiosk,
        "{\"state\":\"1\"}").status()).isEqualTo(403);
    assertThat(rig.server().request("DELETE", "/api/v1/entities/switch.tv", kiosk, null).status())
        .isEqualTo(403);
    assertThat(rig.server().request("GET", "/api/v1/entities/switch.tv", rig.admin(), null).status())
        .as("nothing happened to it").isEqualTo(200);
  }

  @Test
  @DisplayName("an admin's kiosk token administers nothing: users, tokens, metrics, adapters, automations...")
  void noAdministration() {
    String kiosk = kiosk("admin's kiosk");
    String adminId = rig.server().request("GET", "/api/v1/auth/me", rig.admin(), null).json().get("id")
        .asText();
    String[][] refused = {
        {"GET", "/api/v1/users", null},
        {"POST", "/api/v1/users", "{\"username\":\"mallory\",\"password\":\"mallory-pass-1\","
            + "\"roles\":[\"admin\"]}"},
        {"GET", "/api/v1/users/" + adminId, null},
        {"PATCH", "/api/v1/users/" + adminId, "{\"disabled\":true}"},
        {"DELETE", "/api/v1/users/" + adminId, null},
        {"GET", "/api/v1/auth/tokens", null},
        {"GET", "/api/v1/auth/tokens?all=true", null},
        {"DELETE", "/api/v1/auth/tokens/some-id", null},
        {"POST", "/api/v1/auth/refresh", null},
        {"GET", "/api/v1/adapters", null},
        {"POST", "/api/v1/adapters/demo/sync", null},
        {"GET", "/api/v1/automations", null},
        {"POST", "/api/v1/notifications", "{\"title\":\"x\",\"message\":\"y\",\"level\":\"info\"}"},
        {"GET", "/api/v1/websocket/stats", null},
        {"GET", "/api/v1/system/status", null},
        {"GET", "/metrics", null}};
    for (String[] request : refused) {
      Response r = rig.server().request(request[0], request[1], kiosk, request[2]);
      assertThat(r.status()).as(request[0] + " " + request[1] + ": " + r.body()).isEqualTo(403);
    }
    assertThat(rig.server().request("GET", "/api/v1/users", rig.admin(), null).body())
        .doesNotContain("mallory");
    assertThat(rig.server().request("GET", "/api/v1/auth/me", kiosk, null).status()).isEqualTo(200);
    assertThat(rig.server().request("GET", "/api/v1/notifications", kiosk, null).status())
        .isEqualTo(200);
    String statusBoard = mint(rig.admin(), "status board", 1, "[\"system_status\"]").json().get("token")
        .asText();
    assertThat(rig.server().request("GET", "/api/v1/system/status", statusBoard, null).status())
        .as("a token holding system_status reads the status").isEqualTo(200);
  }

  @Test
  @DisplayName("a kiosk mints only narrower, shorter tokens; revoking it ends them all, sockets included")
  void mintedTokensAreNarrowerAndDieWithTheirParent() {
    Response kioskToken = mint(rig.admin(), "door kiosk", 30, KIOSK_TOPICS);
    String kiosk = kioskToken.json().get("token").asText();
    String kioskId = kioskToken.json().get("id").asText();
    assertThat(mint(kiosk, "wider", 30, "[\"entity_updates\"]").status()).isEqualTo(403);
    assertThat(mint(kiosk, "other family", 30, "[\"ha_events\"]").status()).isEqualTo(403);
    assertThat(mint(kiosk, "the lock", 30, "[\"entity_updates:lock.front_door\"]").status())
        .isEqualTo(403);
    Response tenYears = mint(kiosk, "ten years", 3650, null);
    assertThat(tenYears.status()).as("longer than the kiosk itself").isEqualTo(422);
    Response inherited = mint(kiosk, "inherits", 7, null);
    assertThat(inherited.status()).as(inherited.body()).isEqualTo(201);
    assertThat(inherited.json().get("topics").toString()).isEqualTo(KIOSK_TOPICS);
    assertThat(inherited.json().get("parent_id").asText()).isEqualTo(kioskId);
    Response child = mint(kiosk, "one lamp", 7, "[\"entity_updates:light.kitchen*\"]");
    assertThat(child.status()).as(child.body()).isEqualTo(201);
    String childToken = child.json().get("token").asText();
    Response grandchild = mint(childToken, "lamp again", 1, null);
    assertThat(grandchild.status()).as(grandchild.body()).isEqualTo(201);
    String grandchildToken = grandchild.json().get("token").asText();
    assertThat(rig.server().request("GET", "/api/v1/entities", grandchildToken, null).status())
        .isEqualTo(200);
    try (WsTestClient socket = WsTestClient.connect(rig.server()).authenticate(grandchildToken)) {
      socket.subscribe("entity_updates:light.kitchen*");
      assertThat(rig.server().request("DELETE", "/api/v1/auth/tokens/" + kioskId, rig.admin(), null)
          .status()).isEqualTo(204);
      JsonNode expired = socket.first("authentication_expired");
      assertThat(expired.at("/data/revoked_topics").toString())
          .contains("entity_updates:light.kitchen*");
    }
    for (String token : List.of(kiosk, childToken, grandchildToken,
        inherited.json().get("token").asText())) {
      assertThat(rig.server().request("GET", "/api/v1/auth/me", token, null).status()).isEqualTo(401);
    }
    JsonNode listed = rig.server().request("GET", "/api/v1/auth/tokens", rig.admin(), null).json();
    for (JsonNode token : listed) {
      if (List.of(kioskId, child.json().get("id").asText(), grandchild.json().get("id").asText())
          .contains(token.get("id").asText())) {
        assertThat(token.get("revoked_at").isNull()).as(token.toString()).isFalse();
      }
    }
  }

  @Test
  @DisplayName("a script token (no topics) mints tokens that die with it and expire no later")
  void unscopedLongLivedTokenLineage() {
    Response script = mint(rig.admin(), "script", 2, null);
    String scriptToken = script.json().get("token").asText();
    assertThat(mint(scriptToken, "longer", 3, null).status()).isEqualTo(422);
    Response child = mint(scriptToken, "helper", 1, null);
    assertThat(child.status()).as(child.body()).isEqualTo(201);
    String childToken = child.json().get("token").asText();
    assertThat(rig.server().request("GET", "/api/v1/users", childToken, null).status())
        .as("an unscoped admin token keeps its role").isEqualTo(200);
    rig.server().request("DELETE", "/api/v1/auth/tokens/" + script.json().get("id").asText(), rig.admin(),
        null);
    assertThat(rig.server().request("GET", "/api/v1/users", childToken, null).status()).isEqualTo(401);
    assertThat(rig.server().request("GET", "/api/v1/users", rig.admin(), null).status())
        .as("the password session that minted the script is not its descendant").isEqualTo(200);
  }
}
