package io.pma.api;

import io.pma.domain.Json;
import io.vertx.core.Future;
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

  /**
   * Answers 200 with what {@code result} completes with; a failure goes to the router's failure
   * handler, which writes the problem.
   */
  public static void okWhenDone(RoutingContext ctx, Future<?> result) {
    result.onSuccess(body -> ok(ctx, body)).onFailure(ctx::fail);
  }

  /** Answers 204 once {@code result} completes; a failure goes to the failure handler. */
  public static void noContentWhenDone(RoutingContext ctx, Future<?> result) {
    result.onSuccess(v -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }
}
