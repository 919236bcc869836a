package io.pma.api;

import io.pma.auth.AuthenticationException;
import io.pma.auth.TokenVerifier;
import io.vertx.ext.web.RoutingContext;

/** Requires a valid {@code Authorization: Bearer} token and stores the caller in the context. */
final class BearerAuth {
  private final TokenVerifier verifier;

  BearerAuth(TokenVerifier verifier) {
    this.verifier = verifier;
  }

  void handle(RoutingContext ctx) {
    if (Requests.principal(ctx) != null) {
      ctx.next(); // verified already by a route that checks the caller before reading its body
      return;
    }
    String header = ctx.request().getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      ctx.fail(ApiException.unauthorized("a bearer token is required"));
      return;
    }
    try {
      ctx.put(Requests.PRINCIPAL, verifier.verify(header.substring(7).trim()));
      ctx.next();
    } catch (AuthenticationException e) {
      ctx.fail(ApiException.unauthorized(e.getMessage()));
    }
  }
}
