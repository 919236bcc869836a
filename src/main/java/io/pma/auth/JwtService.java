package io.pma.auth;

import io.pma.topic.InvalidTopicException;
import io.pma.topic.TopicPattern;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.impl.jose.JWK;
import io.vertx.ext.auth.impl.jose.JWT;
import java.nio.charset.StandardCharsets;
import java.security.SignatureException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Signs and verifies HS256 JWTs with vertx-auth's JOSE implementation. The algorithm is pinned:
 * a token whose header names anything but HS256 ({@code none}, RS256 key confusion...) is refused
 * before its signature is looked at. {@code exp} and {@code iat} are checked with
 * {@link #CLOCK_SKEW} of tolerance. Thread-safe.
 */
public final class JwtService implements TokenVerifier {
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
  private static final String ALGORITHM = "HS256";

  private final JWT jwt;
  private final Clock clock;
  private final RevocationCheck revocations;

  public JwtService(String secret, Clock clock, RevocationCheck revocations) {
    this.jwt = new JWT().addJWK(new JWK(new PubSecKeyOptions().setAlgorithm(ALGORITHM)
        .setBuffer(secret)));
    this.clock = clock;
    this.revocations = revocations;
  }

  /**
   * Signs a root token (no lineage). {@code epoch} is the user's token epoch at issue time;
   * {@code topics} null means the token is not limited to topic patterns.
   */
  public IssuedToken issue(String userId, String username, Set<Role> roles, long epoch,
      Duration ttl, List<String> topics) {
    return issue(userId, username, roles, epoch, clock.instant().plus(ttl), topics, Lineage.ROOT);
  }

  /** Signs a token that expires at {@code expires} and carries {@code lineage}. */
  public IssuedToken issue(String userId, String username, Set<Role> roles, long epoch,
      Instant expires, List<String> topics, Lineage lineage) {
    Instant now = clock.instant();
    String jti = UUID.randomUUID().toString();
    JsonObject claims = new JsonObject()
        .put("sub", userId)
        .put("name", username)
        .put("roles", new JsonArray(roles.stream().map(Role::wireName).sorted().toList()))
        .put("iat", now.getEpochSecond())
        .put("exp", expires.getEpochSecond())
        .put("jti", jti)
        .put("epoch", epoch);
    if (topics != null) {
      claims.put("topics", new JsonArray(topics));
    }
    if (!lineage.ancestors().isEmpty()) {
      claims.put("lineage", new JsonArray(lineage.ancestors()));
    }
    if (lineage.refreshUntil() != null) {
      claims.put("refresh_until", lineage.refreshUntil().getEpochSecond());
    }
    String token = jwt.sign(claims, new JWTOptions().setAlgorithm(ALGORITHM));
    return new IssuedToken(token, jti, Instant.ofEpochSecond(expires.getEpochSecond()));
  }

  @Override
  public Principal verify(String token) {
    if (token == null || token.isBlank() || token.length() > 8192) {
      throw new AuthenticationException("Invalid token");
    }
    requirePinnedAlgorithm(token);
    JsonObject claims;
    try {
      claims = jwt.decode(token);
    } catch (SignatureException | RuntimeException e) {
      throw new AuthenticationException("Invalid token");
    }
    if (claims == null) {
      throw new AuthenticationException("Invalid token");
    }
    return principalOf(claims);
  }

  private static void requirePinnedAlgorithm(String token) {
    int dot = token.indexOf('.');
    if (dot <= 0) {
      throw new AuthenticationException("Invalid token");
    }
    try {
      String header = new String(Base64.getUrlDecoder().decode(token.substring(0, dot)),
          StandardCharsets.UTF_8);
      if (!ALGORITHM.equals(new JsonObject(header).getString("alg"))) {
        throw new AuthenticationException("Invalid token");
      }
    } catch (RuntimeException e) {
      throw new AuthenticationException("Invalid token");
    }
  }

  private Principal principalOf(JsonObject json) {
    TokenClaims claims = new TokenClaims(json);
    Instant now = clock.instant();
    Instant expires = claims.requiredInstant("exp");
    if (now.minus(CLOCK_SKEW).isAfter(expires)) {
      throw new AuthenticationException("Token expired");
    }
    Instant issuedAt = claims.optionalInstant("iat");
    if (issuedAt != null && issuedAt.isAfter(now.plus(CLOCK_SKEW))) {
      throw new AuthenticationException("Invalid token");
    }
    String jti = claims.requiredText("jti");
    String userId = claims.requiredText("sub");
    List<String> ancestors = claims.optionalTexts("lineage");
    Lineage lineage = new Lineage(ancestors == null ? List.of() : ancestors,
        claims.optionalInstant("refresh_until"));
    Long epoch = claims.optionalWhole("epoch");
    if (revocations.rejects(userId, jti, lineage.ancestors(), epoch == null ? 0L : epoch)) {
      throw new AuthenticationException("Token revoked");
    }
    List<String> roles = claims.optionalTexts("roles");
    List<String> topics = claims.optionalTexts("topics");
    return new Principal(userId, claims.optionalText("name"), rolesOf(roles), topicsOf(topics),
        expires, jti, lineage);
  }

  private static Set<Role> rolesOf(List<String> roles) {
    Set<Role> result = EnumSet.noneOf(Role.class);
    if (roles != null) {
      roles.forEach(role -> Role.fromWireName(role).ifPresent(result::add));
    }
    return result;
  }

  private static List<TopicPattern> topicsOf(List<String> topics) {
    if (topics == null) {
      return null;
    }
    List<TopicPattern> patterns = new ArrayList<>();
    try {
      topics.forEach(topic -> patterns.add(TopicPattern.parse(topic)));
    } catch (InvalidTopicException e) {
      throw new AuthenticationException("Invalid token");
    }
    return List.copyOf(patterns);
  }
}
