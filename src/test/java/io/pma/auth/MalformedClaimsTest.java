package io.pma.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import io.pma.ServerRig;
import io.pma.TestServer.Response;
import io.pma.WsTestClient;
import io.pma.domain.Json;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Correctly signed tokens (the server's own secret) whose claims are malformed: each is a 401 on
 * REST and an {@code authentication_failure} on the socket, never a 500 or a dropped connection.
 */
class MalformedClaimsTest {
  @RegisterExtension
  static final ServerRig rig = new ServerRig();
  private static MACSigner signer;
  private static String adminId;

  @BeforeAll
  static void start() {
    String secret = SecretFile.readOrCreate(rig.server().dataDir().resolve("jwt.secret"));
    try {
      signer = new MACSigner(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    adminId = rig.server().request("GET", "/api/v1/auth/me", rig.admin(), null).json()
        .get("id").asText();
  }

  /** Signs any claims, however malformed, with the server's own secret. */
  private static String sign(JsonObject claims) {
    JWSObject jws = new JWSObject(new JWSHeader(JWSAlgorithm.HS256), new Payload(claims.encode()));
    try {
      jws.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException(e);
    }
    return jws.serialize();
  }

  /** A well-formed admin token's claims; each case breaks one of them. */
  private static JsonObject valid() {
    long now = Instant.now().getEpochSecond();
    return new JsonObject().put("sub", adminId).put("name", "admin")
        .put("roles", List.of("admin", "user")).put("iat", now).put("exp", now + 600)
        .put("jti", "jti-" + System.nanoTime()).put("epoch", 0);
  }

  static Stream<Arguments> malformed() {
    return Stream.of(
        broken("exp 1e18 (a double)", c -> c.put("exp", 1e18)),
        broken("exp far past year 9999", c -> c.put("exp", 1_000_000_000_000_000_000L)),
        broken("exp negative", c -> c.put("exp", -5)),
        broken("exp a string", c -> c.put("exp", "tomorrow")),
        broken("exp missing", c -> c.remove("exp")),
        broken("iat 1e300", c -> c.put("iat", 1e300)),
        broken("iat an object", c -> c.put("iat", new JsonObject())),
        broken("sub missing", c -> c.remove("sub")),
        broken("sub a number", c -> c.put("sub", 42)),
        broken("sub empty", c -> c.put("sub", "")),
        broken("jti missing", c -> c.remove("jti")),
        broken("jti a list", c -> c.put("jti", List.of("a"))),
        broken("epoch a string", c -> c.put("epoch", "0")),
        broken("epoch a fraction", c -> c.put("epoch", 0.5)),
        broken("roles a string", c -> c.put("roles", "admin")),
        broken("roles with a number", c -> c.put("roles", List.of("admin", 7))),
        broken("name a number", c -> c.put("name", 7)),
        broken("topics a string", c -> c.put("topics", "entity_updates")),
        broken("topics an unknown family", c -> c.put("topics", List.of("weather"))),
        broken("lineage numbers", c -> c.put("lineage", List.of(1, 2))),
        broken("refresh_until a string", c -> c.put("refresh_until", "never")));
  }

  private static Arguments broken(String name, Consumer<JsonObject> breaker) {
    return Arguments.of(name, breaker);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("malformed")
  @DisplayName("a malformed claim is a 401 on REST and an authentication_failure on the socket")
  void malformedClaim(String name, Consumer<JsonObject> breaker) {
    JsonObject claims = valid();
    breaker.accept(claims);
    String token = sign(claims);
    Response response = rig.server().request("GET", "/api/v1/auth/me", token, null);
    assertThat(response.status()).as(response.body()).isEqualTo(401);
    try (WsTestClient client = WsTestClient.connect(rig.server())) {
      client.send(Json.object().put("type", "authenticate")
          .set("data", Json.object().put("token", token)).toString());
      client.first("authentication_failure");
      client.send("{\"type\":\"ping\"}");
      client.first("pong");
    }
  }

  @org.junit.jupiter.api.Test
  @DisplayName("control: the unbroken claims are accepted, so each refusal above is the claim's")
  void wellFormedClaims() {
    String token = sign(valid());
    assertThat(rig.server().request("GET", "/api/v1/auth/me", token, null).status()).isEqualTo(200);
    try (WsTestClient client = WsTestClient.connect(rig.server())) {
      client.authenticate(token);
    }
  }
}
