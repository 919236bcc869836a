package io.pma.transport;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Browser protections on every HTTP response, the dashboard's and the API's (docs/SECURITY.md):
 * scripts, styles and connections only from the server itself (the dashboard has no inline
 * script or style, so nothing needs {@code unsafe-inline}); no framing (clickjacking a lock
 * switch); no MIME sniffing; no Referer to other sites. Fixed values, set before any route runs.
 */
final class SecurityHeaders {
  static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
      + "style-src 'self'; img-src 'self' data:; connect-src 'self' ws: wss:; object-src 'none'; "
      + "base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  static void add(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    headers.set("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "DENY");
    headers.set("Referrer-Policy", "no-referrer");
    ctx.next();
  }
}
