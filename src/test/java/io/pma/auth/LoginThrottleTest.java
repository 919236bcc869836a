package io.pma.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.TestServer;
import io.pma.TestServer.Response;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {
  @Test
  @DisplayName("repeated failures for one username get 429 with Retry-After, even with the right password")
  void throttlesPerUsername() {
    try (TestServer server = TestServer.start()) {
      String wrong = "{\"username\":\"admin\",\"password\":\"wrong-password\"}";
      for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_USERNAME; i++) {
        assertThat(server.request("POST", "/api/v1/auth/login", null, wrong).status())
            .isEqualTo(401);
      }
      Response limited = server.request("POST", "/api/v1/auth/login", null,
          "{\"username\":\"admin\",\"password\":\"" + TestServer.ADMIN_PASSWORD + "\"}");
      assertThat(limited.status()).isEqualTo(429);
      assertThat(limited.contentType()).isEqualTo("application/problem+json");
      Response other = server.request("POST", "/api/v1/auth/login", null,
          "{\"username\":\"someone\",\"password\":\"x\"}");
      assertThat(other.status()).as("another username from the same address still gets an answer")
          .isEqualTo(401);
    }
  }

  @Test
  @DisplayName("the per-address limit spans usernames; the window slides")
  void throttlesPerAddress() {
    var clock = new io.pma.TestClock();
    LoginThrottle throttle = new LoginThrottle(clock);
    for (int i = 0; i < LoginThrottle.MAX_FAILURES_PER_ADDRESS; i++) {
      throttle.failed("10.0.0.1", "user" + i);
    }
    assertThat(throttle.retryAfterSeconds("10.0.0.1", "fresh")).isPositive();
    assertThat(throttle.retryAfterSeconds("10.0.0.2", "fresh")).isZero();
    clock.advance(LoginThrottle.WINDOW.plusSeconds(1));
    assertThat(throttle.retryAfterSeconds("10.0.0.1", "fresh")).isZero();
  }
}
