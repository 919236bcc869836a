package io.pma.config;

import com.fasterxml.jackson.annotation.JsonCreator;

/**
 * Who may read {@code /metrics}. {@code access}: "admin" serves it on the main port to bearers of
 * an admin token; "port" serves it without a token on {@code host:port} only (loopback by default,
 * for a local Prometheus; port 0 = any free port); "off" serves it nowhere.
 */
public record MetricsConfig(Access access, String host, int port) {
  /** Where {@code /metrics} is served. */
  public enum Access {
    ADMIN, PORT, OFF;

    @JsonCreator
    static Access of(String text) {
      return Checks.choice("metrics.access", Access.class, text);
    }
  }

  public MetricsConfig {
    if (access == null) {
      throw new IllegalArgumentException("metrics.access must be admin, port or off");
    }
    Checks.notBlank("metrics.host", host);
    Checks.range("metrics.port", port, 0, 65535);
  }
}
