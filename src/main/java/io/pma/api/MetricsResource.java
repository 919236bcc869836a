package io.pma.api;

import io.pma.auth.Role;
import io.pma.auth.TokenVerifier;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} on the main port for bearers of an admin token ({@code metrics.access:
 * admin}). The open variant on its own port lives in the transport.
 */
public final class MetricsResource implements Resource {
  private final BearerAuth bearerAuth;
  private final Supplier<String> scrape;
  private final String contentType;

  public MetricsResource(TokenVerifier verifier, Supplier<String> scrape, String contentType) {
    this.bearerAuth = new BearerAuth(verifier);
    this.scrape = scrape;
    this.contentType = contentType;
  }

  @Override
  public void mount(Router router) {
    router.get("/metrics").handler(bearerAuth::handle).handler(this::metrics);
  }

  private void metrics(RoutingContext ctx) {
    if (Requests.require(ctx, Role.ADMIN).scoped()) {
      throw ApiException.forbidden("a token limited to topics cannot read metrics");
    }
    ctx.response().putHeader("Content-Type", contentType).end(scrape.get());
  }
}
