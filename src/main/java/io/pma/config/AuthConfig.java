package io.pma.config;

/**
 * Token settings. {@code jwt_secret} normally comes from {@code PMA_AUTH_JWT_SECRET} or
 * {@code PMA_JWT_SECRET}; when absent a secret is generated once into the data directory.
 */
public record AuthConfig(String jwtSecret, int tokenTtlMinutes, String adminPassword) {
  public AuthConfig {
    Checks.range("auth.token_ttl_minutes", tokenTtlMinutes, 1, 60 * 24 * 30);
    if (jwtSecret != null && !jwtSecret.isEmpty() && jwtSecret.length() < 32) {
      throw new IllegalArgumentException("auth.jwt_secret must be at least 32 characters");
    }
  }
}
