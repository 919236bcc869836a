package io.pma.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.ServerRig;
import io.pma.TestServer.Response;
import io.pma.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AccountsApiTest {
  @RegisterExtension
  static final ServerRig rig = new ServerRig();

  private static JsonNode createUser(String name, String roles) {
    Response r = rig.server().request("POST", "/api/v1/users", rig.admin(), "{\"username\":\"" + name
        + "\",\"password\":\"password-" + name + "\",\"roles\":" + roles + "}");
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return r.json();
  }

  private static String loginAs(String name) {
    return rig.server().login(name, "password-" + name);
  }

  @Test
  @DisplayName("admins create, list, get, update and delete users; ids are strings; no hashes leak")
  void userLifecycle() {
    JsonNode alice = createUser("alice", "[\"user\"]");
    String id = alice.get("id").asText();
    assertThat(alice.get("roles").toString()).isEqualTo("[\"user\"]");
    assertThat(alice.has("password_hash")).isFalse();
    assertThat(rig.server().request("GET", "/api/v1/users", rig.admin(), null).json())
        .extracting(u -> u.get("username").asText()).contains("admin", "alice");
    assertThat(rig.server().request("GET", "/api/v1/users/" + id, rig.admin(), null).json().get("username")
        .asText()).isEqualTo("alice");
    Response patched = rig.server().request("PATCH", "/api/v1/users/" + id, rig.admin(),
        "{\"disabled\":true}");
    assertThat(patched.json().get("disabled").asBoolean()).isTrue();
    assertThat(rig.server().request("POST", "/api/v1/auth/login", null,
        "{\"username\":\"alice\",\"password\":\"password-alice\"}").status()).isEqualTo(401);
    assertThat(rig.server().request("DELETE", "/api/v1/users/" + id, rig.admin(), null).status())
        .isEqualTo(204);
    assertThat(rig.server().request("GET", "/api/v1/users/" + id, rig.admin(), null).status()).isEqualTo(404);
  }

  @Test
  @DisplayName("user input errors: duplicate 409, short password 422, unknown role 422")
  void userValidation() {
    createUser("bob", "[\"user\"]");
    assertThat(rig.server().request("POST", "/api/v1/users", rig.admin(),
        "{\"username\":\"bob\",\"password\":\"long-enough\"}").status()).isEqualTo(409);
    assertThat(rig.server().request("POST", "/api/v1/users", rig.admin(),
        "{\"username\":\"carl\",\"password\":\"short\"}").status()).isEqualTo(422);
    Response badRole = rig.server().request("POST", "/api/v1/users", rig.admin(),
        "{\"username\":\"carl\",\"password\":\"long-enough\",\"roles\":[\"root\"]}");
    assertThat(badRole.status()).isEqualTo(422);
    assertThat(badRole.json().get("detail").asText()).contains("root");
    assertThat(rig.server().request("POST", "/api/v1/users", rig.admin(),
        "{\"username\":\"has space\",\"password\":\"long-enough\"}").status()).isEqualTo(422);
  }

  @Test
  @DisplayName("a user cannot manage users or raise their own role, but may change their password")
  void userCannotEscalate() {
    JsonNode dave = createUser("dave", "[\"user\"]");
    String token = loginAs("dave");
    String id = dave.get("id").asText();
    assertThat(rig.server().request("GET", "/api/v1/users", token, null).status()).isEqualTo(403);
    assertThat(rig.server().request("POST", "/api/v1/users", token,
        "{\"username\":\"eve\",\"password\":\"long-enough\"}").status()).isEqualTo(403);
    assertThat(rig.server().request("PATCH", "/api/v1/users/" + id, token,
        "{\"roles\":[\"admin\"]}").status()).isEqualTo(403);
    assertThat(rig.server().request("PATCH", "/api/v1/users/" + id, token,
        "{\"password\":\"a-new-password\",\"current_password\":\"password-dave\"}").status())
        .isEqualTo(200);
    assertThat(rig.server().login("dave", "a-new-password")).isNotBlank();
    assertThat(rig.server().request("GET", "/api/v1/entities", token, null).status())
        .as("the old session ended with the password change").isEqualTo(401);
  }

  @Test
  @DisplayName("the last admin cannot be deleted, demoted or disabled")
  void lastAdmin() {
    String adminId = rig.server().request("GET", "/api/v1/auth/me", rig.admin(), null).json().get("id")
        .asText();
    assertThat(rig.server().request("DELETE", "/api/v1/users/" + adminId, rig.admin(), null).status())
        .isEqualTo(409);
    assertThat(rig.server().request("PATCH", "/api/v1/users/" + adminId, rig.admin(),
        "{\"roles\":[\"user\"]}").status()).isEqualTo(409);
    assertThat(rig.server().request("PATCH", "/api/v1/users/" + adminId, rig.admin(),
        "{\"disabled\":true}").status()).isEqualTo(409);
  }

  @Test
  @DisplayName("refresh issues a fresh token for the same user; me tells who the token is")
  void refreshAndMe() {
    String session = rig.server().login("admin", TestServer.ADMIN_PASSWORD);
    Response refreshed = rig.server().request("POST", "/api/v1/auth/refresh", session, null);
    assertThat(refreshed.status()).isEqualTo(200);
    String fresh = refreshed.json().get("token").asText();
    assertThat(fresh).isNotEqualTo(session);
    JsonNode me = rig.server().request("GET", "/api/v1/auth/me", fresh, null).json();
    assertThat(me.get("username").asText()).isEqualTo("admin");
    assertThat(me.has("token_expires_at")).isTrue();
    assertThat(rig.server().request("GET", "/api/v1/auth/me", null, null).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("a long-lived token is shown once, listed without its text, limited to its topics, revoked at once")
  void longLivedTokens() {
    Response created = rig.server().request("POST", "/api/v1/auth/tokens", rig.admin(),
        "{\"name\":\"hall kiosk\",\"expires_in_days\":30,\"topics\":[\"entity_updates:light.*\"]}");
    assertThat(created.status()).as(created.body()).isEqualTo(201);
    String kiosk = created.json().get("token").asText();
    String id = created.json().get("id").asText();
    assertThat(created.json().get("topics").toString()).isEqualTo("[\"entity_updates:light.*\"]");
    Response list = rig.server().request("GET", "/api/v1/auth/tokens", rig.admin(), null);
    assertThat(list.body()).contains("hall kiosk").doesNotContain(kiosk);
    assertThat(rig.server().request("GET", "/api/v1/entities", kiosk, null).status()).isEqualTo(200);
    assertThat(rig.server().request("GET", "/api/v1/auth/me", kiosk, null).json().get("token_topics")
        .toString()).isEqualTo("[\"entity_updates:light.*\"]");
    assertThat(rig.server().request("DELETE", "/api/v1/auth/tokens/" + id, rig.admin(), null).status())
        .isEqualTo(204);
    assertThat(rig.server().request("GET", "/api/v1/entities", kiosk, null).status()).isEqualTo(401);
    assertThat(rig.server().request("DELETE", "/api/v1/auth/tokens/nope", rig.admin(), null).status())
        .isEqualTo(404);
  }

  @Test
  @DisplayName("token input errors: missing name, bad expiry, bad topic are 422")
  void tokenValidation() {
    assertThat(rig.server().request("POST", "/api/v1/auth/tokens", rig.admin(),
        "{\"expires_in_days\":30}").status()).isEqualTo(422);
    assertThat(rig.server().request("POST", "/api/v1/auth/tokens", rig.admin(),
        "{\"name\":\"x\",\"expires_in_days\":0}").status()).isEqualTo(422);
    assertThat(rig.server().request("POST", "/api/v1/auth/tokens", rig.admin(),
        "{\"name\":\"x\",\"expires_in_days\":\"soon\"}").status()).isEqualTo(422);
    Response badTopic = rig.server().request("POST", "/api/v1/auth/tokens", rig.admin(),
        "{\"name\":\"x\",\"expires_in_days\":1,\"topics\":[\"weather\"]}");
    assertThat(badTopic.status()).isEqualTo(422);
    assertThat(badTopic.json().get("detail").asText()).contains("unknown topic");
  }

  @Test
  @DisplayName("users see and revoke only their own tokens; admins anyone's")
  void tokenOwnership() {
    createUser("frank", "[\"user\"]");
    String frank = loginAs("frank");
    String adminTokenId = rig.server().request("POST", "/api/v1/auth/tokens", rig.admin(),
        "{\"name\":\"admin script\",\"expires_in_days\":1}").json().get("id").asText();
    assertThat(rig.server().request("DELETE", "/api/v1/auth/tokens/" + adminTokenId, frank, null)
        .status()).isEqualTo(404);
    assertThat(rig.server().request("GET", "/api/v1/auth/tokens?all=true", frank, null).status())
        .isEqualTo(403);
    String frankTokenId = rig.server().request("POST", "/api/v1/auth/tokens", frank,
        "{\"name\":\"frank script\",\"expires_in_days\":1}").json().get("id").asText();
    assertThat(rig.server().request("GET", "/api/v1/auth/tokens?all=true", rig.admin(), null).body())
        .contains(frankTokenId);
    assertThat(rig.server().request("DELETE", "/api/v1/auth/tokens/" + frankTokenId, rig.admin(), null)
        .status()).isEqualTo(204);
  }

  @Test
  @DisplayName("role x REST area: users read and control entities; adapters sync and users need admin")
  void roleMatrix() {
    createUser("gina", "[\"user\"]");
    String user = loginAs("gina");
    assertThat(rig.server().request("GET", "/api/v1/entities", user, null).status()).isEqualTo(200);
    assertThat(rig.server().request("POST", "/api/v1/entities/switch.tv/action", user,
        "{\"action\":\"toggle\"}").status()).isEqualTo(202);
    assertThat(rig.server().request("GET", "/api/v1/adapters", user, null).status()).isEqualTo(200);
    assertThat(rig.server().request("POST", "/api/v1/adapters/demo/sync", user, null).status())
        .isEqualTo(403);
    assertThat(rig.server().request("POST", "/api/v1/adapters/demo/sync", rig.admin(), null).status())
        .isEqualTo(200);
    assertThat(rig.server().request("GET", "/api/v1/users", user, null).status()).isEqualTo(403);
    assertThat(rig.server().request("GET", "/api/v1/entities", null, null).status()).isEqualTo(401);
  }

  @Test
  @DisplayName("an expired token and a token from the future are refused")
  void expiredTokens() {
    String me = rig.server().request("GET", "/api/v1/auth/me", rig.admin(), null).json().get("id").asText();
    JwtService sameSecretPast = new JwtService(secret(), Clock.fixed(
        Instant.now().minus(Duration.ofHours(3)), ZoneOffset.UTC), RevocationCheck.NONE);
    String expired = sameSecretPast.issue(me, "admin", Set.of(Role.ADMIN), 0,
        Duration.ofMinutes(60), null).token();
    Response r = rig.server().request("GET", "/api/v1/entities", expired, null);
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.json().get("detail").asText()).isEqualTo("Token expired");
    JwtService sameSecretFuture = new JwtService(secret(), Clock.fixed(
        Instant.now().plus(Duration.ofHours(3)), ZoneOffset.UTC), RevocationCheck.NONE);
    String future = sameSecretFuture.issue(me, "admin", Set.of(Role.ADMIN), 0,
        Duration.ofMinutes(600), null).token();
    assertThat(rig.server().request("GET", "/api/v1/entities", future, null).status()).isEqualTo(401);
    JwtService sameSecretNow = new JwtService(secret(), Clock.systemUTC(), RevocationCheck.NONE);
    String valid = sameSecretNow.issue(me, "admin", Set.of(Role.ADMIN), 0,
        Duration.ofMinutes(5), null).token();
    assertThat(rig.server().request("GET", "/api/v1/entities", valid, null).status()).isEqualTo(200);
  }

  private static String secret() {
    return SecretFile.readOrCreate(rig.server().dataDir().resolve("jwt.secret"));
  }
}
