package io.pma.config;

import java.time.Duration;

/**
 * Token and login settings. {@code jwt_secret} normally comes from {@code PMA_AUTH_JWT_SECRET} or
 * {@code PMA_JWT_SECRET}; when absent a secret is generated once into the data directory.
 */
public record AuthConfig(String jwtSecret, int tokenTtlMinutes, String adminPassword,
    int sessionLifetimeDays, int loginFailuresPerAddress, int loginFreeFailures,
    int loginMaxDelaySeconds) {
  public AuthConfig {
    Checks.range("auth.token_ttl_minutes", tokenTtlMinutes, 1, 60 * 24 * 30);
    Checks.range("auth.session_lifetime_days", sessionLifetimeDays, 1, 365);
    Checks.range("auth.login_failures_per_address", loginFailuresPerAddress, 1, 10_000);
    Checks.range("auth.login_free_failures", loginFreeFailures, 1, 1000);
    Checks.range("auth.login_max_delay_seconds", loginMaxDelaySeconds, 1, 24 * 3600);
    if (jwtSecret != null && !jwtSecret.isEmpty() && jwtSecret.length() < 32) {
      throw new IllegalArgumentException("auth.jwt_secret must be at least 32 characters");
    }
  }

  public Duration sessionLifetime() {
    return Duration.ofDays(sessionLifetimeDays);
  }
}
