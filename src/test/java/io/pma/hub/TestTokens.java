package io.pma.hub;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.TestServer;
import io.pma.auth.Role;
import io.pma.domain.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Real users on a test server and tokens for them (signed by the server's own JwtService). */
final class TestTokens {
  private static final String PASSWORD = "a-long-test-password";

  private TestTokens() {}

  /** A token for {@code username} (created on first use) with the given lifetime and topics. */
  static String token(TestServer server, String username, Set<Role> roles, Duration ttl,
      List<String> topics) {
    JsonNode claims = claims(login(server, username, roles));
    return server.server().jwt().issue(claims.get("sub").asText(), username, roles,
        claims.get("epoch").asLong(), ttl, topics).token();
  }

  static String user(TestServer server, String username) {
    return token(server, username, Set.of(Role.USER), Duration.ofMinutes(10), null);
  }

  /** The user id behind a username (creating the user if needed). */
  static String userId(TestServer server, String username) {
    return claims(login(server, username, Set.of(Role.USER))).get("sub").asText();
  }

  private static String login(TestServer server, String username, Set<Role> roles) {
    String body = Json.object().put("username", username).put("password", PASSWORD).toString();
    TestServer.Response response = server.request("POST", "/api/v1/auth/login", null, body);
    if (response.status() == 200) {
      return response.json().get("token").asText();
    }
    String roleList = roles.stream().map(r -> "\"" + r.wireName() + "\"")
        .collect(Collectors.joining(","));
    TestServer.Response created = server.request("POST", "/api/v1/users", server.adminToken(),
        "{\"username\":\"" + username + "\",\"password\":\"" + PASSWORD + "\",\"roles\":["
            + roleList + "]}");
    if (created.status() != 201) {
      throw new IllegalStateException("cannot create user: " + created.body());
    }
    return server.login(username, PASSWORD);
  }

  private static JsonNode claims(String token) {
    String payload = token.split("\\.")[1];
    try {
      return Json.MAPPER.readTree(new String(Base64.getUrlDecoder().decode(payload),
          StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
