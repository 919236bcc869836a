package io.pma.auth;

import io.pma.topic.InvalidTopicException;
import io.pma.topic.TopicPattern;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs and verifies HS256 JWTs with nimbus-jose-jwt's public JWS API. The algorithm is pinned:
 * a token whose header names anything but HS256 ({@code none}, RS256 key confusion...) is refused
 * before its signature is looked at. The claims are read from the verified payload as they were
 * sent ({@link TokenClaims}, strictly typed), not through a library's claim mapping;
 * {@code exp} and {@code iat} are checked with {@link #CLOCK_SKEW} of tolerance. Thread-safe.
 */
public final class JwtService implements TokenVerifier {
  public static final Duration CLOCK_SKEW = Duration.ofSeconds(30);
  private static final int VERIFIED_KEPT = 4096;
  private static final JWSHeader HEADER = new JWSHeader.Builder(JWSAlgorithm.HS256)
      .type(JOSEObjectType.JWT).build();

  /**
   * Tokens whose signature and claims were checked, by their text. A client sends the same token
   * with every request; parsing and verifying it again was the event loop's hottest frame under
   * REST ingestion. Expiry and revocation are still checked on every use.
   */
  private final Map<String, Verified> verified = new ConcurrentHashMap<>();

  private record Verified(Principal principal, long epoch) {}

  private final JWSSigner signer;
  private final JWSVerifier verifier;
  private final Clock clock;
  private final RevocationCheck revocations;

  public JwtService(String secret, Clock clock, RevocationCheck revocations) {
    byte[] key = secret.getBytes(StandardCharsets.UTF_8);
    try {
      this.signer = new MACSigner(key);
      this.verifier = new MACVerifier(key);
    } catch (JOSEException e) {
      // Only a key shorter than 256 bits; the configuration refuses those before this point.
      throw new IllegalArgumentException("JWT secret: " + e.getMessage(), e);
    }
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
    JWSObject jws = new JWSObject(HEADER, new Payload(claims.encode()));
    try {
      jws.sign(signer);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a token", e);
    }
    return new IssuedToken(jws.serialize(), jti, Instant.ofEpochSecond(expires.getEpochSecond()));
  }

  @Override
  public Principal verify(String token) {
    if (token == null || token.isBlank() || token.length() > 8192) {
      throw new AuthenticationException("Invalid token");
    }
    Verified known = verified.get(token);
    if (known != null) {
      return stillValid(known);
    }
    JsonObject claims;
    try {
      JWSObject jws = JWSObject.parse(token);
      if (!JWSAlgorithm.HS256.equals(jws.getHeader().getAlgorithm()) || !jws.verify(verifier)) {
        throw new AuthenticationException("Invalid token");
      }
      claims = new JsonObject(jws.getPayload().toString());
    } catch (ParseException | JOSEException | RuntimeException e) {
      // Untrusted input: whatever the parser makes of it, the token is simply invalid.
      throw new AuthenticationException("Invalid token");
    }
    Verified checked = verifiedClaims(claims);
    if (verified.size() >= VERIFIED_KEPT) {
      verified.clear(); // bounded: only valid tokens get here, and the busy ones come back at once
    }
    verified.put(token, checked);
    return checked.principal();
  }

  /** A cached token's expiry and revocation, checked again on every use. */
  private Principal stillValid(Verified known) {
    Principal principal = known.principal();
    if (clock.instant().minus(CLOCK_SKEW).isAfter(principal.expiresAt())) {
      throw new AuthenticationException("Token expired");
    }
    if (revocations.rejects(principal.userId(), principal.tokenId(),
        principal.lineage().ancestors(), known.epoch())) {
      throw new AuthenticationException("Token revoked");
    }
    return principal;
  }

  private Verified verifiedClaims(JsonObject json) {
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
    return new Verified(new Principal(userId, claims.optionalText("name"), rolesOf(roles),
        topicsOf(topics), expires, jti, lineage), epoch == null ? 0L : epoch);
  }

  private static Set<Role> rolesOf(List<String> roles) {
    Set<Role> result = EnumSet.noneOf(Role.class);
    if (roles != null) {
      roles.forEach(role -> Role.fromWireName(role).ifPresent(result::add));
    }
    return Set.copyOf(result); // shared by every request that presents the token
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
