package io.pma.adapter.homeassistant;

import io.pma.config.HomeAssistantConfig;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import java.net.URI;
import java.util.Locale;

/**
 * Where and how to reach HA's WebSocket API: the configured base URL ({@code http(s)://} or
 * {@code ws(s)://}, optionally behind a path prefix) becomes {@code ws(s)://host:port/prefix/api/websocket}.
 */
final class HaEndpoint {
  private static final String PATH = "/api/websocket";

  private HaEndpoint() {}

  static WebSocketConnectOptions connectOptions(String url) {
    URI uri = URI.create(url.trim());
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    boolean tls = "https".equals(scheme) || "wss".equals(scheme);
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port = uri.getPort() > 0 ? uri.getPort() : tls ? 443 : 80;
    return new WebSocketConnectOptions().setHost(host).setPort(port).setSsl(tls)
        .setURI(path(uri.getRawPath()));
  }

  /** The URL as users read it in logs and statuses, e.g. {@code ws://ha.local:8123/api/websocket}. */
  static String display(String url) {
    WebSocketConnectOptions options = connectOptions(url);
    return (options.isSsl() ? "wss://" : "ws://") + options.getHost() + ":" + options.getPort()
        + options.getURI();
  }

  static WebSocketClientOptions clientOptions(HomeAssistantConfig config) {
    WebSocketClientOptions options = new WebSocketClientOptions()
        .setMaxFrameSize(config.maxMessageBytes())
        .setMaxMessageSize(config.maxMessageBytes())
        .setConnectTimeout(config.callTimeoutMs());
    if (!config.verifyTls()) {
      options.setTrustAll(true).setVerifyHost(false);
    }
    return options;
  }

  private static String path(String rawPath) {
    String path = rawPath == null ? "" : rawPath;
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    return path.endsWith(PATH) ? path : path + PATH;
  }
}
