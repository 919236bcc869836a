package io.pma.api;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.concurrent.Callable;

/** Runs blocking work (database, bcrypt) of a request on a worker thread, unordered. */
final class Blocking {
  private Blocking() {}

  static <T> Future<T> run(RoutingContext ctx, Callable<T> work) {
    return ctx.vertx().executeBlocking(work, false);
  }
}
