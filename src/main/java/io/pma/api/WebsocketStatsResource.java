package io.pma.api;

import io.pma.auth.Role;
import io.pma.hub.Hub;
import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/websocket/stats} (admin), with {@code ?clients=true} the connection list. */
public final class WebsocketStatsResource implements Resource {
  private final Hub hub;

  public WebsocketStatsResource(Hub hub) {
    this.hub = hub;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/websocket/stats").handler(this::stats);
  }

  private void stats(RoutingContext ctx) {
    Requests.require(ctx, Role.ADMIN);
    String clients = ctx.queryParams().get("clients");
    if (clients != null && !"true".equals(clients) && !"false".equals(clients)) {
      throw ApiException.badRequest("'clients' must be true or false");
    }
    Responses.okWhenDone(ctx, Future.fromCompletionStage(hub.stats("true".equals(clients)),
        ctx.vertx().getOrCreateContext()));
  }
}
