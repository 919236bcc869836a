package io.pma.api;

import io.pma.domain.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;

/** Writing JSON responses with the project's mapper. */
public final class Responses {
  private Responses() {}

  public static void json(RoutingContext ctx, int status, Object body) {
    ctx.response().setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(Json.writeBytes(body)));
  }

  public static void ok(RoutingContext ctx, Object body) {
    json(ctx, 200, body);
  }
}
