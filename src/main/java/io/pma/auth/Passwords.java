package io.pma.auth;

import java.nio.charset.StandardCharsets;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * bcrypt hashing. {@link #matchesOrBurn} spends the same time whether or not the user exists, so
 * response time does not reveal which usernames are real. Slow by design: call off the event loop.
 */
public final class Passwords {
  private final BCryptPasswordEncoder encoder;
  private final String burnHash;

  public Passwords(int cost) {
    this.encoder = new BCryptPasswordEncoder(cost);
    this.burnHash = encoder.encode("pma-timing-equaliser");
  }

  public String hash(String password) {
    return encoder.encode(password);
  }

  /**
   * Checks {@code password} against {@code hash}, or against a dummy hash when {@code hash} is null.
   * A password longer than bcrypt reads cannot be anyone's (the policy refuses them): it spends the
   * same time and does not match.
   */
  public boolean matchesOrBurn(String password, String hash) {
    if (password.getBytes(StandardCharsets.UTF_8).length > PasswordPolicy.MAX_BYTES) {
      encoder.matches("pma-timing-equaliser", burnHash);
      return false;
    }
    boolean matches = encoder.matches(password, hash != null ? hash : burnHash);
    return hash != null && matches;
  }
}
