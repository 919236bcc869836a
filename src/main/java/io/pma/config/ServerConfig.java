package io.pma.config;

import java.util.List;

/**
 * HTTP listener. {@code port} 0 picks a free port (used by tests). {@code nativeTransport}: use
 * Netty's epoll transport where the platform has it (Linux x86-64), NIO otherwise.
 * {@code reusePort}: SO_REUSEPORT, off by default so that a second process on a port in use fails
 * instead of silently sharing its traffic; only for deliberate setups (several processes on one
 * port behind the kernel's balancing). The per-address cap, header deadline and trusted proxies are
 * explained in docs/SECURITY.md.
 */
public record ServerConfig(String host, int port, int maxBodyBytes, int eventLoops,
    boolean nativeTransport, boolean reusePort, int maxConnectionsPerAddress,
    int headerTimeoutSeconds, List<String> trustedProxies) {
  public ServerConfig {
    Checks.range("server.port", port, 0, 65535);
    Checks.range("server.max_body_bytes", maxBodyBytes, 256, 16 * 1024 * 1024);
    Checks.range("server.event_loops", eventLoops, 0, 256);
    Checks.range("server.max_connections_per_address", maxConnectionsPerAddress, 1, 10_000_000);
    Checks.range("server.header_timeout_seconds", headerTimeoutSeconds, 1, 3600);
    trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
    for (String proxy : trustedProxies) {
      try {
        IpRange.parse(proxy);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("server.trusted_proxies: " + e.getMessage());
      }
    }
  }

  /** The proxies whose X-Forwarded-For is believed. */
  public List<IpRange> trustedProxyRanges() {
    return trustedProxies.stream().map(IpRange::parse).toList();
  }
}
