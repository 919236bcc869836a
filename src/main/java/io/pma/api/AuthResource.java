package io.pma.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.auth.Accounts;
import io.pma.auth.AuthenticationException;
import io.pma.domain.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/** {@code POST /api/v1/auth/login}: username and password for a session JWT. */
final class AuthResource {
  private final Accounts accounts;

  AuthResource(Accounts accounts) {
    this.accounts = accounts;
  }

  /** Mounted before the bearer-token check: login is public. */
  void mountPublic(Router router) {
    router.post("/api/v1/auth/login").handler(this::login);
  }

  private void login(RoutingContext ctx) {
    ObjectNode body = Requests.jsonObject(ctx);
    String username = Requests.text(body, "username", true, 128);
    String password = Requests.text(body, "password", true, 1024);
    ctx.vertx().executeBlocking(() -> accounts.login(username, password), false)
        .onSuccess(login -> Responses.ok(ctx, Json.object()
            .put("token", login.token().token())
            .put("token_type", "Bearer")
            .put("expires_at", Json.formatInstant(login.token().expiresAt()))
            .set("user", Json.toObject(login.user()))))
        .onFailure(e -> ctx.fail(e instanceof AuthenticationException
            ? ApiException.unauthorized(e.getMessage()) : e));
  }
}
