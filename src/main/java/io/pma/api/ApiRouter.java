package io.pma.api;

import io.pma.auth.AccessTokens;
import io.pma.auth.Accounts;
import io.pma.auth.LoginThrottle;
import io.pma.auth.UserAdmin;
import io.pma.auth.TokenVerifier;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Locale;

/**
 * Builds the HTTP router: every resource's public routes, then the bearer-token gate for
 * {@code /api/v1/*}, then every resource's routes, in the order of the one list of resources the
 * composition root hands over.
 */
public final class ApiRouter {
  private final List<Resource> resources;
  private final BearerAuth bearerAuth;
  private final int maxBodyBytes;

  /** The account side of the API. */
  public record AccountServices(Accounts accounts, UserAdmin users, AccessTokens tokens,
      LoginThrottle throttle) {}

  public ApiRouter(List<Resource> resources, TokenVerifier verifier, int maxBodyBytes) {
    this.resources = List.copyOf(resources);
    this.bearerAuth = new BearerAuth(verifier);
    this.maxBodyBytes = maxBodyBytes;
  }

  /**
   * The API reads JSON only, but the body handler decodes form and multipart bodies itself, and
   * its decoder's failures (a form field past its length limit) would surface as a 500: such
   * bodies get 415 before it sees them.
   */
  private static void refuseForms(RoutingContext ctx) {
    String type = ctx.request().getHeader("Content-Type");
    String lower = type == null ? "" : type.toLowerCase(Locale.ROOT);
    if (lower.startsWith("application/x-www-form-urlencoded")
        || lower.startsWith("multipart/")) {
      ctx.fail(415);
    } else {
      ctx.next();
    }
  }

  /** A new router for one HTTP server instance (one per event loop). */
  public Router create(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route("/api/*").handler(ApiRouter::refuseForms);
    // The bulk route reads a larger body, so the caller is checked before it is read.
    // (Two routes: Vert.x runs a body handler before any other handler of the same route.)
    router.post(BulkStatesResource.PATH).handler(bearerAuth::handle).handler(ScopeGate::handle);
    router.post(BulkStatesResource.PATH).handler(BodyHandler.create(false)
            .setBodyLimit(Math.max(maxBodyBytes, BulkStatesResource.MAX_BODY_BYTES)));
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
    resources.forEach(r -> r.mountPublic(router));
    router.route("/api/v1/*").handler(bearerAuth::handle).handler(ScopeGate::handle);
    resources.forEach(r -> r.mount(router));
    router.route("/api/*").last().handler(ctx -> ctx.fail(404));
    router.route().failureHandler(Problems::handle);
    router.errorHandler(404, Problems::handle);
    router.errorHandler(405, Problems::handle);
    return router;
  }
}
