package io.pma.api;

import io.pma.auth.Permissions;
import io.pma.auth.Principal;
import io.pma.topic.TopicPattern;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Keeps a token limited to topics (a kiosk or device token) to the REST routes that its topics can
 * bound: reading and controlling the entities its {@code entity_updates} topics cover (checked per
 * entity by {@link EntitiesResource}), the past of those same entities (history, statistics and
 * logbook, filtered per entity by {@link HistoryResource}), the notifications it would receive
 * anyway, the system status when it holds {@code system_status}, who it is, and minting a
 * narrower token. Everything else (users, listing and revoking tokens, refresh, adapters,
 * automations, WebSocket stats, sending notifications) is refused with 403: deny by default, so a
 * route added later stays closed to such tokens until it is listed here. Runs after {@link BearerAuth}, on the event loop.
 */
final class ScopeGate {
  private static final TopicPattern SYSTEM_STATUS = TopicPattern.parse("system_status");

  /** A route a scoped token may use, with the topic it needs (null: its own checks suffice). */
  private record Allowed(HttpMethod method, Pattern path, TopicPattern needs) {}

  private static final List<Allowed> ALLOWED = List.of(
      new Allowed(HttpMethod.GET, Pattern.compile("/api/v1/auth/me"), null),
      new Allowed(HttpMethod.POST, Pattern.compile("/api/v1/auth/tokens"), null),
      new Allowed(HttpMethod.GET, Pattern.compile("/api/v1/entities(/[^/]+)?"), null),
      new Allowed(HttpMethod.POST, Pattern.compile("/api/v1/entities/[^/]+/action"), null),
      new Allowed(HttpMethod.PUT, Pattern.compile("/api/v1/entities/[^/]+/state"), null),
      new Allowed(HttpMethod.POST, Pattern.compile("/api/v1/entities/states"), null),
      new Allowed(HttpMethod.DELETE, Pattern.compile("/api/v1/entities/[^/]+"), null),
      new Allowed(HttpMethod.GET, Pattern.compile("/api/v1/notifications"), null),
      new Allowed(HttpMethod.GET, Pattern.compile("/api/v1/(history|statistics|logbook)"), null),
      new Allowed(HttpMethod.GET, Pattern.compile("/api/v1/system/status"), SYSTEM_STATUS));

  private ScopeGate() {}

  static void handle(RoutingContext ctx) {
    Principal principal = Requests.principal(ctx);
    if (principal == null || !principal.scoped() || allows(ctx, principal)) {
      ctx.next();
      return;
    }
    ctx.fail(ApiException.forbidden("this token is limited to topics "
        + principal.topics() + " and cannot use " + ctx.request().method() + " "
        + ctx.normalizedPath()));
  }

  private static boolean allows(RoutingContext ctx, Principal principal) {
    String path = ctx.normalizedPath();
    HttpMethod method = ctx.request().method();
    for (Allowed allowed : ALLOWED) {
      if (allowed.method().equals(method) && allowed.path().matcher(path).matches()) {
        return allowed.needs() == null || Permissions.reachesTopic(principal, allowed.needs());
      }
    }
    return false;
  }
}
