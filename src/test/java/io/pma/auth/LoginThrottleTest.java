package io.pma.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.TestClock;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The throttle's arithmetic; the attacks through the real server are in {@link LoginAttackTest}. */
class LoginThrottleTest {
  private final TestClock clock = new TestClock();
  private final LoginThrottle throttle = new LoginThrottle(20, 5, Duration.ofMinutes(15), clock);

  @Test
  @DisplayName("the per-address limit spans usernames; the window slides")
  void throttlesPerAddress() {
    for (int i = 0; i < 20; i++) {
      assertThat(throttle.reserve("10.0.0.1", "user" + i)).isInstanceOf(LoginThrottle.Ticket.class);
    }
    assertThat(throttle.reserve("10.0.0.1", "fresh")).isInstanceOf(LoginThrottle.Wait.class);
    assertThat(throttle.reserve("10.0.0.2", "fresh")).isInstanceOf(LoginThrottle.Ticket.class);
    clock.advance(LoginThrottle.WINDOW.plusSeconds(1));
    assertThat(throttle.reserve("10.0.0.1", "fresh")).isInstanceOf(LoginThrottle.Ticket.class);
  }

  @Test
  @DisplayName("per account and address: five free failures, then delays of 1 s, 2 s, 4 s... up to the cap")
  void growingDelays() {
    for (int i = 0; i < 5; i++) {
      assertThat(throttle.reserve("10.0.0.1", "admin")).isInstanceOf(LoginThrottle.Ticket.class);
    }
    assertThat(throttle.reserve("10.0.0.1", "admin")).isEqualTo(new LoginThrottle.Wait(1));
    clock.advance(Duration.ofSeconds(1));
    assertThat(throttle.reserve("10.0.0.1", "admin")).isInstanceOf(LoginThrottle.Ticket.class);
    assertThat(throttle.reserve("10.0.0.1", "admin")).isEqualTo(new LoginThrottle.Wait(2));
    assertThat(throttle.delayAfter(12)).isEqualTo(Duration.ofSeconds(128));
    assertThat(throttle.delayAfter(40)).isEqualTo(Duration.ofMinutes(15));
    assertThat(throttle.reserve("10.0.0.9", "admin"))
        .as("the same account from another address").isInstanceOf(LoginThrottle.Ticket.class);
  }

  @Test
  @DisplayName("a success gives its attempt back and clears the streak; a cancelled attempt does not count")
  void settling() {
    for (int i = 0; i < 4; i++) {
      throttle.reserve("10.0.0.1", "admin");
    }
    ((LoginThrottle.Ticket) throttle.reserve("10.0.0.1", "admin")).succeeded();
    for (int i = 0; i < 5; i++) {
      ((LoginThrottle.Ticket) throttle.reserve("10.0.0.1", "admin")).cancelled();
    }
    assertThat(throttle.reserve("10.0.0.1", "admin")).isInstanceOf(LoginThrottle.Ticket.class);
  }
}
