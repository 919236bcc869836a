package io.pma.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.ServerRig;
import io.pma.TestServer.Response;
import io.pma.TestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LoginTest {
  @RegisterExtension
  static final ServerRig rig = new ServerRig();

  private Response login(String body) {
    return rig.server().request("POST", "/api/v1/auth/login", null, body);
  }

  @Test
  @DisplayName("the first-start admin logs in and gets an HS256 JWT with sub, name, roles, iat, exp, jti")
  void loginIssuesJwt() throws Exception {
    Response r = login("{\"username\":\"admin\",\"password\":\"" + TestServer.ADMIN_PASSWORD + "\"}");
    assertThat(r.status()).isEqualTo(200);
    JsonNode body = r.json();
    assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
    assertThat(body.at("/user/username").asText()).isEqualTo("admin");
    assertThat(body.at("/user/roles").toString()).contains("admin");
    assertThat(body.at("/user/password_hash").isMissingNode()).isTrue();
    String[] parts = body.get("token").asText().split("\\.");
    JsonNode header = io.pma.domain.Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[0]));
    JsonNode claims = io.pma.domain.Json.MAPPER.readTree(Base64.getUrlDecoder().decode(parts[1]));
    assertThat(header.get("alg").asText()).isEqualTo("HS256");
    assertThat(claims.fieldNames()).toIterable()
        .contains("sub", "name", "roles", "iat", "exp", "jti");
    assertThat(claims.get("exp").asLong() - claims.get("iat").asLong()).isEqualTo(3600);
  }

  @Test
  @DisplayName("a wrong password and an unknown user get the same 401")
  void badCredentials() {
    Response wrongPassword = login("{\"username\":\"admin\",\"password\":\"nope\"}");
    Response unknownUser = login("{\"username\":\"ghost\",\"password\":\"nope\"}");
    assertThat(wrongPassword.status()).isEqualTo(401);
    assertThat(unknownUser.status()).isEqualTo(401);
    assertThat(wrongPassword.json().get("detail")).isEqualTo(unknownUser.json().get("detail"));
  }

  @Test
  @DisplayName("login input errors: malformed JSON 400, missing fields 422, wrong content type 415")
  void badLoginInput() {
    assertThat(login("{").status()).isEqualTo(400);
    assertThat(login("{\"username\":\"admin\"}").status()).isEqualTo(422);
    assertThat(rig.server().request("POST", "/api/v1/auth/login", null, null).status()).isEqualTo(415);
  }

  @Test
  @DisplayName("a token signed with another secret or with alg none is refused")
  void forgedTokens() {
    JwtService other = new JwtService("x".repeat(48), java.time.Clock.systemUTC(), RevocationCheck.NONE);
    String forged = other.issue("1", "admin", java.util.Set.of(Role.ADMIN), 0,
        java.time.Duration.ofMinutes(5), null).token();
    assertThat(rig.server().request("GET", "/api/v1/entities", forged, null).status()).isEqualTo(401);
    String header = b64("{\"alg\":\"none\",\"typ\":\"JWT\"}");
    String claims = b64("{\"sub\":\"1\",\"name\":\"admin\",\"roles\":[\"admin\"],\"exp\":"
        + (System.currentTimeMillis() / 1000 + 600) + "}");
    assertThat(rig.server().request("GET", "/api/v1/entities", header + "." + claims + ".", null)
        .status()).isEqualTo(401);
  }

  @Test
  @DisplayName("the generated JWT secret is kept in the data directory with mode 600")
  void secretFileMode() throws Exception {
    var file = rig.server().dataDir().resolve("jwt.secret");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding()
        .encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
