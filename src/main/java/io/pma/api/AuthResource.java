package io.pma.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.auth.AccessTokens;
import io.pma.auth.Accounts;
import io.pma.auth.AuthenticationException;
import io.pma.auth.IssuedToken;
import io.pma.auth.LoginThrottle;
import io.pma.auth.Principal;
import io.pma.auth.Role;
import io.pma.auth.UserAdmin;
import io.pma.domain.Json;
import io.pma.store.User;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;

/** {@code /api/v1/auth/*}: login, refresh, who am I, and long-lived access tokens. */
public final class AuthResource implements Resource {
  private final Accounts accounts;
  private final UserAdmin users;
  private final AccessTokens tokens;
  private final LoginThrottle throttle;

  public AuthResource(Accounts accounts, UserAdmin users, AccessTokens tokens, LoginThrottle throttle) {
    this.accounts = accounts;
    this.users = users;
    this.tokens = tokens;
    this.throttle = throttle;
  }

  /** Mounted before the bearer-token check: login is public. */
  @Override
  public void mountPublic(Router router) {
    router.post("/api/v1/auth/login").handler(this::login);
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/auth/refresh").handler(this::refresh);
    router.get("/api/v1/auth/me").handler(this::me);
    router.post("/api/v1/auth/tokens").handler(this::createToken);
    router.get("/api/v1/auth/tokens").handler(this::listTokens);
    router.delete("/api/v1/auth/tokens/:id").handler(this::revokeToken);
  }

  private void login(RoutingContext ctx) {
    ObjectNode body = Requests.jsonObject(ctx);
    String username = Requests.text(body, "username", true, 128);
    String password = Requests.text(body, "password", true, 1024);
    LoginThrottle.Ticket ticket = admit(ctx, throttle, username);
    Blocking.run(ctx, () -> accounts.login(username, password))
        .onSuccess(login -> {
          ticket.succeeded();
          Responses.ok(ctx, tokenBody(login.token(), login.user()));
        })
        .onFailure(e -> {
          if (!(e instanceof AuthenticationException)) {
            ticket.cancelled();
          }
          ctx.fail(e);
        });
  }

  /**
   * Reserves a password check for {@code username} from the caller's address, or fails with 429
   * and {@code Retry-After}. The caller settles the ticket once the check is done.
   */
  static LoginThrottle.Ticket admit(RoutingContext ctx, LoginThrottle throttle, String username) {
    String address = ctx.request().remoteAddress().hostAddress();
    LoginThrottle.Reservation reservation = throttle.reserve(address, username);
    if (reservation instanceof LoginThrottle.Wait wait) {
      ctx.response().putHeader("Retry-After", Long.toString(wait.seconds()));
      throw new ApiException(429, "Too Many Requests",
          "too many wrong passwords; try again in " + wait.seconds() + " s");
    }
    return (LoginThrottle.Ticket) reservation;
  }

  private void refresh(RoutingContext ctx) {
    Principal caller = Requests.require(ctx, Role.USER);
    Responses.okWhenDone(ctx, Blocking.run(ctx, () -> {
      Accounts.Login login = accounts.refresh(caller);
      return tokenBody(login.token(), login.user());
    }));
  }

  private void me(RoutingContext ctx) {
    Principal caller = Requests.require(ctx, Role.USER);
    Responses.okWhenDone(ctx, Blocking.run(ctx, () -> {
      ObjectNode body = Json.toObject(users.get(caller.userId()));
      body.put("token_expires_at", Json.formatInstant(caller.expiresAt()));
      if (caller.topics() != null) {
        body.set("token_topics", Json.MAPPER.valueToTree(
            caller.topics().stream().map(Object::toString).toList()));
      }
      return body;
    }));
  }

  private void createToken(RoutingContext ctx) {
    Principal caller = Requests.require(ctx, Role.USER);
    ObjectNode body = Requests.jsonObject(ctx);
    String name = Requests.text(body, "name", true, 100);
    JsonNode days = body.get("expires_in_days");
    if (days == null || !days.canConvertToInt() || !days.isIntegralNumber()) {
      throw ApiException.unprocessable("'expires_in_days' must be a whole number of days");
    }
    List<String> topics = topicsOf(body.get("topics"));
    Blocking.run(ctx, () -> tokens.create(caller, name, days.asInt(), topics))
        .onSuccess(created -> {
          ObjectNode out = Json.toObject(created.token());
          out.put("token", created.text());
          Responses.json(ctx, 201, out);
        }).onFailure(ctx::fail);
  }

  private static List<String> topicsOf(JsonNode topics) {
    if (topics == null || topics.isNull()) {
      return null;
    }
    if (!topics.isArray()) {
      throw ApiException.unprocessable("'topics' must be a list of topic patterns");
    }
    List<String> result = new ArrayList<>();
    for (JsonNode topic : topics) {
      if (!topic.isTextual()) {
        throw ApiException.unprocessable("'topics' must be a list of topic patterns");
      }
      result.add(topic.asText());
    }
    return result;
  }

  private void listTokens(RoutingContext ctx) {
    Principal caller = Requests.require(ctx, Role.USER);
    boolean all = "true".equals(ctx.request().getParam("all"));
    Responses.okWhenDone(ctx, Blocking.run(ctx, () -> tokens.list(caller, all)));
  }

  private void revokeToken(RoutingContext ctx) {
    Principal caller = Requests.require(ctx, Role.USER);
    String id = ctx.pathParam("id");
    Responses.noContentWhenDone(ctx, Blocking.run(ctx, () -> {
      tokens.revoke(caller, id);
      return id;
    }));
  }

  private static ObjectNode tokenBody(IssuedToken token, User user) {
    return Json.object()
        .put("token", token.token())
        .put("token_type", "Bearer")
        .put("expires_at", Json.formatInstant(token.expiresAt()))
        .set("user", Json.toObject(user));
  }
}
