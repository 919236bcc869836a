package io.pma.api;

import io.pma.auth.Role;
import io.pma.system.SystemStatusSource;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code GET /api/v1/system/status}: the {@code system_status} payload, computed now. */
public final class SystemResource implements Resource {
  private final SystemStatusSource statuses;

  public SystemResource(SystemStatusSource statuses) {
    this.statuses = statuses;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/system/status").handler(this::status);
  }

  private void status(RoutingContext ctx) {
    Requests.require(ctx, Role.USER);
    Responses.okWhenDone(ctx, statuses.current());
  }
}
