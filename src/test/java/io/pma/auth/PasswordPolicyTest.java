package io.pma.auth;

import static io.pma.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.ServerRig;
import io.pma.TestServer.Response;
import io.pma.TestServer;
import io.pma.domain.Json;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Weak and oversized passwords through the real server; changing one's own password. */
class PasswordPolicyTest {
  @RegisterExtension
  static final ServerRig rig = new ServerRig();

  private static Response createUser(String username, String password) {
    return rig.server().request("POST", "/api/v1/users", rig.admin(), Json.object().put("username", username)
        .put("password", password).toString());
  }

  @ParameterizedTest
  @ValueSource(strings = {"password", "12345678", "        ", "Password", "qwertyuiop",
      "iloveyou", "aaaaaaaaaaaa", "\uD83D\uDD11\uD83D\uDD11\uD83D\uDD11\uD83D\uDD11"
          + "\uD83D\uDD11\uD83D\uDD11\uD83D\uDD11\uD83D\uDD11", "short", "homeassistant"})
  @DisplayName("common, repeated and short passwords are a 422 naming the field in invalid_params")
  void weakPasswordsRefused(String password) {
    Response r = createUser("weak" + Math.abs(password.hashCode()), password);
    JsonNode invalid = assertProblem(r, 422).get("invalid_params");
    assertThat(invalid.get(0).get("name").asText()).isEqualTo("password");
    assertThat(invalid.get(0).get("reason").asText()).startsWith("'password' ");
  }

  @Test
  @DisplayName("a password equal to the username is refused")
  void usernameAsPassword() {
    assertThat(createUser("gardener42", "Gardener42").status()).isEqualTo(422);
  }

  @Test
  @DisplayName("73 to 1024 bytes: a clean 422 on create, a plain 401 on login, never a 500")
  void overlongPasswords() {
    for (int length : new int[] {73, 100, 1024}) {
      Response created = createUser("long" + length, "x".repeat(length - 1) + "y");
      assertThat(created.status()).as(created.body()).isEqualTo(422);
      assertThat(created.json().get("detail").asText()).contains("72 bytes");
      Response login = rig.server().request("POST", "/api/v1/auth/login", null, Json.object()
          .put("username", "admin").put("password", "z".repeat(length)).toString());
      assertThat(login.status()).as(login.body()).isEqualTo(401);
    }
    String multiByte = "\u00e9".repeat(37); // 37 characters, 74 bytes of UTF-8
    assertThat(createUser("accented", multiByte).status()).isEqualTo(422);
    assertThat(createUser("accented", "\u00e9t\u00e9-\u00e0-la-plage").status())
        .as("no composition rules: any characters are fine").isEqualTo(201);
  }

  @Test
  @DisplayName("changing one's own password needs the current one; an admin resets others' without")
  void ownPasswordNeedsTheCurrentOne() {
    String id = createUser("walter", "walter-first-pass").json().get("id").asText();
    String walter = rig.server().login("walter", "walter-first-pass");
    Response missing = rig.server().request("PATCH", "/api/v1/users/" + id, walter,
        "{\"password\":\"walter-second-pass\"}");
    assertThat(missing.status()).isEqualTo(422);
    assertThat(missing.json().at("/invalid_params/0/name").asText()).isEqualTo("current_password");
    assertThat(rig.server().request("PATCH", "/api/v1/users/" + id, walter,
        "{\"password\":\"walter-second-pass\",\"current_password\":\"a-wrong-guess\"}").status())
        .isEqualTo(422);
    assertThat(rig.server().request("PATCH", "/api/v1/users/" + id, walter,
        "{\"password\":\"walter-second-pass\",\"current_password\":\"walter-first-pass\"}")
        .status()).isEqualTo(200);
    assertThat(rig.server().request("PATCH", "/api/v1/users/" + id, rig.admin(),
        "{\"password\":\"walter-third-pass\"}").status()).isEqualTo(200);
    assertThat(rig.server().login("walter", "walter-third-pass")).isNotBlank();
    String adminId = rig.server().request("GET", "/api/v1/auth/me", rig.admin(), null).json().get("id")
        .asText();
    assertThat(rig.server().request("PATCH", "/api/v1/users/" + adminId, rig.admin(),
        "{\"password\":\"another-admin-pass\"}").status())
        .as("admins too need their current password for their own").isEqualTo(422);
  }

  @Test
  @DisplayName("guessing the current password with a stolen session is throttled like logins")
  void currentPasswordGuessingIsThrottled() {
    String id = createUser("victim", "victim-first-pass").json().get("id").asText();
    String stolen = rig.server().login("victim", "victim-first-pass");
    for (int i = 0; i < 5; i++) {
      assertThat(rig.server().request("PATCH", "/api/v1/users/" + id, stolen,
          "{\"password\":\"attacker-pass-1\",\"current_password\":\"guess-" + i + "\"}")
          .status()).isEqualTo(422);
    }
    assertThat(rig.server().request("PATCH", "/api/v1/users/" + id, stolen,
        "{\"password\":\"attacker-pass-1\",\"current_password\":\"victim-first-pass\"}")
        .status()).as("the sixth attempt waits, even with the right password").isEqualTo(429);
  }

  @ParameterizedTest
  @ValueSource(strings = {"a", "password", "12345678", "admin", "        "})
  @DisplayName("a weak PMA_ADMIN_PASSWORD at first start: the server refuses to start, saying why")
  void weakFirstAdminPassword(String password) {
    assertThatThrownBy(() -> TestServer.start(Map.of("PMA_ADMIN_PASSWORD", password)).close())
        .rootCause().hasMessageStartingWith("PMA_ADMIN_PASSWORD (auth.admin_password) ")
        .hasMessageNotContaining("\n");
  }
}
