package io.pma.api;

import io.pma.adapter.Adapter;
import io.pma.adapter.AdapterManager;
import io.pma.auth.Role;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /api/v1/adapters}: status of each adapter and a full resync on demand. */
public final class AdaptersResource implements Resource {
  private final AdapterManager adapters;

  public AdaptersResource(AdapterManager adapters) {
    this.adapters = adapters;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/adapters").handler(this::list);
    router.get("/api/v1/adapters/:id").handler(this::get);
    router.post("/api/v1/adapters/:id/sync").handler(this::sync);
  }

  private void list(RoutingContext ctx) {
    Requests.require(ctx, Role.USER);
    Responses.ok(ctx, adapters.statuses());
  }

  private void get(RoutingContext ctx) {
    Requests.require(ctx, Role.USER);
    Responses.ok(ctx, adapter(ctx).status());
  }

  private void sync(RoutingContext ctx) {
    Requests.require(ctx, Role.ADMIN);
    Responses.okWhenDone(ctx, adapter(ctx).sync());
  }

  private Adapter adapter(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    return adapters.get(id).orElseThrow(() -> ApiException.notFound("no adapter '" + id + "'"));
  }
}
