package io.pma.api;

import io.pma.adapter.AdapterManager;
import io.pma.auth.AccessTokens;
import io.pma.auth.Accounts;
import io.pma.auth.LoginThrottle;
import io.pma.auth.UserAdmin;
import io.pma.auth.TokenVerifier;
import io.pma.registry.EntityRegistry;
import io.pma.system.HealthMonitor;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.List;
import java.util.Locale;

/**
 * Builds the HTTP router: public routes, then the bearer-token gate for {@code /api/v1/*}, then the
 * resources. Extra resources (WebSocket stats, automations...) are mounted through {@link Mount}.
 */
public final class ApiRouter {
  /** A set of routes mounted behind the bearer-token gate. */
  @FunctionalInterface
  public interface Mount {
    void mount(Router router);
  }

  private final EntitiesResource entities;
  private final AdaptersResource adapters;
  private final AuthResource auth;
  private final UsersResource users;
  private final HealthResource health;
  private final OpenApiResource openApi = new OpenApiResource();
  private final BearerAuth bearerAuth;
  private final int maxBodyBytes;
  private final List<Mount> extraMounts;

  /** The account side of the API. */
  public record AccountServices(Accounts accounts, UserAdmin users, AccessTokens tokens,
      LoginThrottle throttle) {}

  public ApiRouter(EntityRegistry registry, AdapterManager adapterManager,
      AccountServices accountServices, TokenVerifier verifier, HealthMonitor monitor,
      int maxBodyBytes, List<Mount> extraMounts) {
    this.entities = new EntitiesResource(registry, adapterManager);
    this.adapters = new AdaptersResource(adapterManager);
    this.auth = new AuthResource(accountServices.accounts(), accountServices.users(),
        accountServices.tokens(), accountServices.throttle());
    this.users = new UsersResource(accountServices.users(), accountServices.throttle());
    this.health = new HealthResource(monitor);
    this.bearerAuth = new BearerAuth(verifier);
    this.maxBodyBytes = maxBodyBytes;
    this.extraMounts = List.copyOf(extraMounts);
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
    router.route("/api/*").handler(BodyHandler.create(false).setBodyLimit(maxBodyBytes));
    health.mountPublic(router);
    auth.mountPublic(router);
    openApi.mountPublic(router);
    router.route("/api/v1/*").handler(bearerAuth::handle).handler(ScopeGate::handle);
    auth.mount(router);
    users.mount(router);
    entities.mount(router);
    adapters.mount(router);
    extraMounts.forEach(m -> m.mount(router));
    router.route("/api/*").last().handler(ctx -> ctx.fail(404));
    router.route().failureHandler(Problems::handle);
    router.errorHandler(404, Problems::handle);
    router.errorHandler(405, Problems::handle);
    return router;
  }
}
