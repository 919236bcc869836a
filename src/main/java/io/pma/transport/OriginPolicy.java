package io.pma.transport;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may open {@code /ws} ({@code websocket.allowed_origins}). Browsers send the
 * page's {@code Origin} on every WebSocket upgrade and, unlike for {@code fetch}, do not stop a
 * script from reading a cross-origin socket: without this check any page a user on the home
 * network opens could listen to what anonymous connections receive. Allowed: requests without
 * {@code Origin} (not a browser: nothing to protect the user from), the server's own origin (the
 * page's host and port equal the request's {@code Host}), every listed origin, and anything when
 * the list has {@code *}. Immutable; used on the event loops.
 */
final class OriginPolicy {
  private final boolean any;
  private final Set<String> listed;

  OriginPolicy(List<String> allowedOrigins) {
    this.any = allowedOrigins.contains("*");
    this.listed = allowedOrigins.stream().map(OriginPolicy::normalize)
        .collect(Collectors.toUnmodifiableSet());
  }

  /** Whether an upgrade with this {@code Origin} (or null) and {@code Host} (or null) may go on. */
  boolean allows(String origin, String host) {
    if (origin == null || any) {
      return true;
    }
    String normalized = normalize(origin);
    return listed.contains(normalized) || sameHost(normalized, host);
  }

  /** {@code scheme://host:port} in lower case with the port written out; "" when unparsable. */
  static String normalize(String origin) {
    try {
      URI uri = new URI(origin.trim());
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (uri.getHost() == null || !(scheme.equals("http") || scheme.equals("https"))) {
        return "";
      }
      int port = uri.getPort() >= 0 ? uri.getPort() : defaultPort(scheme);
      return scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + ":" + port;
    } catch (URISyntaxException e) {
      return "";
    }
  }

  /**
   * The page came from this server: its host and port are the ones the browser put in
   * {@code Host}. A {@code Host} without a port means the default port of the page's scheme.
   */
  private static boolean sameHost(String normalizedOrigin, String host) {
    if (normalizedOrigin.isEmpty() || host == null || host.isBlank()) {
      return false;
    }
    String scheme = normalizedOrigin.substring(0, normalizedOrigin.indexOf(':'));
    String hostValue = host.trim().toLowerCase(Locale.ROOT);
    boolean hasPort = hostValue.lastIndexOf(':') > hostValue.lastIndexOf(']');
    String withPort = hasPort ? hostValue : hostValue + ":" + defaultPort(scheme);
    return normalizedOrigin.equals(scheme + "://" + withPort);
  }

  private static int defaultPort(String scheme) {
    return scheme.equals("https") ? 443 : 80;
  }
}
