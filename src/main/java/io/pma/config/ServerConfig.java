package io.pma.config;

/**
 * HTTP listener. {@code port} 0 picks a free port (used by tests). {@code nativeTransport}: use
 * Netty's epoll transport where the platform has it (Linux x86-64), NIO otherwise.
 * {@code reusePort}: SO_REUSEPORT, off by default so that a second process on a port in use fails
 * instead of silently sharing its traffic; only for deliberate setups (several processes on one
 * port behind the kernel's balancing).
 */
public record ServerConfig(String host, int port, int maxBodyBytes, int eventLoops,
    boolean nativeTransport, boolean reusePort) {
  public ServerConfig {
    Checks.range("server.port", port, 0, 65535);
    Checks.range("server.max_body_bytes", maxBodyBytes, 256, 16 * 1024 * 1024);
    Checks.range("server.event_loops", eventLoops, 0, 256);
  }
}
