package io.pma.config;

/**
 * Who may read {@code /metrics}. {@code access}: "admin" serves it on the main port to bearers of
 * an admin token; "port" serves it without a token on {@code host:port} only (loopback by default,
 * for a local Prometheus; port 0 = any free port); "off" serves it nowhere.
 */
public record MetricsConfig(String access, String host, int port) {
  public static final String ADMIN = "admin";
  public static final String PORT = "port";
  public static final String OFF = "off";

  public MetricsConfig {
    if (!ADMIN.equals(access) && !PORT.equals(access) && !OFF.equals(access)) {
      throw new IllegalArgumentException("metrics.access must be admin, port or off");
    }
    Checks.notBlank("metrics.host", host);
    Checks.range("metrics.port", port, 0, 65535);
  }
}
