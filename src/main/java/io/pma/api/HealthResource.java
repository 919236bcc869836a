package io.pma.api;

import io.pma.domain.Json;
import io.pma.system.HealthMonitor;
import io.pma.system.HealthReport;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code /health}, {@code /health/live}, {@code /health/ready}: public. */
public final class HealthResource implements Resource {
  private final HealthMonitor monitor;

  public HealthResource(HealthMonitor monitor) {
    this.monitor = monitor;
  }

  /** Nothing behind the token gate: health is for load balancers and probes. */
  @Override
  public void mount(Router router) {}

  @Override
  public void mountPublic(Router router) {
    router.get("/health").handler(this::health);
    router.get("/health/live").handler(ctx -> Responses.ok(ctx, Json.object().put("status", "ok")));
    router.get("/health/ready").handler(this::ready);
  }

  private void health(RoutingContext ctx) {
    monitor.check().onSuccess(report -> Responses.json(ctx,
        HealthReport.DOWN.equals(report.status()) ? 503 : 200, report)).onFailure(ctx::fail);
  }

  private void ready(RoutingContext ctx) {
    monitor.check().onSuccess(report -> Responses.json(ctx, report.ready() ? 200 : 503,
        Json.object().put("ready", report.ready()).put("status", report.status())))
        .onFailure(ctx::fail);
  }
}
