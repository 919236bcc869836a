package io.pma.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pma.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A token checked once is remembered, but its expiry and revocation bind every later use. */
class JwtServiceTest {
  private final TestClock clock = new TestClock();
  private final AtomicBoolean revoked = new AtomicBoolean();
  private final JwtService jwt = new JwtService("s".repeat(48), clock,
      (userId, tokenId, ancestors, epoch) -> revoked.get());

  @Test
  @DisplayName("a remembered token still expires")
  void rememberedTokenExpires() {
    String token = jwt.issue("1", "alice", Set.of(Role.USER), 0, Duration.ofMinutes(5), null)
        .token();
    assertThat(jwt.verify(token).userId()).isEqualTo("1");
    assertThat(jwt.verify(token).roles()).containsExactly(Role.USER);
    clock.advance(Duration.ofMinutes(5).plus(JwtService.CLOCK_SKEW).plusSeconds(1));
    assertThatThrownBy(() -> jwt.verify(token)).isInstanceOf(AuthenticationException.class)
        .hasMessage("Token expired");
  }

  @Test
  @DisplayName("a remembered token is still refused once revoked, and its topics stay its own")
  void rememberedTokenRevoked() {
    String token = jwt.issue("1", "kiosk", Set.of(Role.USER), 0, Duration.ofMinutes(5),
        List.of("entity_updates:light.*")).token();
    assertThat(jwt.verify(token).topics()).hasSize(1);
    revoked.set(true);
    assertThatThrownBy(() -> jwt.verify(token)).isInstanceOf(AuthenticationException.class)
        .hasMessage("Token revoked");
    revoked.set(false);
    assertThat(jwt.verify(token).scoped()).isTrue();
  }

  @Test
  @DisplayName("a token changed by one character is checked afresh and refused")
  void tamperedTokenNotRemembered() {
    String token = jwt.issue("1", "alice", Set.of(Role.USER), 0, Duration.ofMinutes(5), null)
        .token();
    jwt.verify(token);
    String tampered = token.substring(0, token.length() - 2)
        + (token.charAt(token.length() - 2) == 'A' ? 'B' : 'A') + token.charAt(token.length() - 1);
    assertThatThrownBy(() -> jwt.verify(tampered)).isInstanceOf(AuthenticationException.class);
  }
}
