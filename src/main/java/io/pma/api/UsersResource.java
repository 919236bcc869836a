package io.pma.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.auth.AccountException;
import io.pma.auth.LoginThrottle;
import io.pma.auth.Principal;
import io.pma.auth.Role;
import io.pma.auth.UserAdmin;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumSet;
import java.util.Set;

/** {@code /api/v1/users}: account management (admin; a user may change only their own password). */
public final class UsersResource implements Resource {
  private final UserAdmin users;
  private final LoginThrottle throttle;

  public UsersResource(UserAdmin users, LoginThrottle throttle) {
    this.users = users;
    this.throttle = throttle;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/users").handler(this::list);
    router.post("/api/v1/users").handler(this::create);
    router.get("/api/v1/users/:id").handler(this::get);
    router.patch("/api/v1/users/:id").handler(this::update);
    router.delete("/api/v1/users/:id").handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    Requests.require(ctx, Role.ADMIN);
    Responses.okWhenDone(ctx, Blocking.run(ctx, users::list));
  }

  private void get(RoutingContext ctx) {
    Principal caller = Requests.require(ctx, Role.USER);
    String id = ctx.pathParam("id");
    if (!caller.isAdmin() && !caller.userId().equals(id)) {
      throw ApiException.forbidden("this needs the 'admin' role");
    }
    Responses.okWhenDone(ctx, Blocking.run(ctx, () -> users.get(id)));
  }

  private void create(RoutingContext ctx) {
    Requests.require(ctx, Role.ADMIN);
    ObjectNode body = Requests.jsonObject(ctx);
    String username = Requests.text(body, "username", true, 64);
    String password = Requests.text(body, "password", true, 1024);
    Set<Role> roles = body.has("roles") ? roles(body.get("roles")) : EnumSet.of(Role.USER);
    Blocking.run(ctx, () -> users.create(username, password, roles))
        .onSuccess(u -> Responses.json(ctx, 201, u)).onFailure(ctx::fail);
  }

  private void update(RoutingContext ctx) {
    Principal caller = Requests.require(ctx, Role.USER);
    ObjectNode body = Requests.jsonObject(ctx);
    String password = Requests.text(body, "password", false, 1024);
    Set<Role> roles = body.hasNonNull("roles") ? roles(body.get("roles")) : null;
    JsonNode disabled = body.get("disabled");
    if (disabled != null && !disabled.isNull() && !disabled.isBoolean()) {
      throw ApiException.unprocessable("'disabled' must be true or false");
    }
    String currentPassword = Requests.text(body, "current_password", false, 1024);
    UserAdmin.Changes changes = new UserAdmin.Changes(password, currentPassword, roles,
        disabled == null || disabled.isNull() ? null : disabled.asBoolean());
    String id = ctx.pathParam("id");
    if (password != null && caller.userId().equals(id)) {
      changeOwnPassword(ctx, caller, changes);
      return;
    }
    Responses.okWhenDone(ctx, Blocking.run(ctx, () -> users.update(caller, id, changes)));
  }

  /**
   * Checking {@code current_password} would otherwise let a stolen session guess the password at
   * full speed: it is throttled as a login of the same account from the same address.
   */
  private void changeOwnPassword(RoutingContext ctx, Principal caller, UserAdmin.Changes changes) {
    LoginThrottle.Ticket ticket = AuthResource.admit(ctx, throttle, caller.username());
    Blocking.run(ctx, () -> users.update(caller, caller.userId(), changes))
        .onSuccess(u -> {
          ticket.succeeded();
          Responses.ok(ctx, u);
        })
        .onFailure(e -> {
          if (!(e instanceof AccountException refused
              && "current_password".equals(refused.field()))) {
            ticket.cancelled();
          }
          ctx.fail(e);
        });
  }

  private void delete(RoutingContext ctx) {
    Requests.require(ctx, Role.ADMIN);
    String id = ctx.pathParam("id");
    Responses.noContentWhenDone(ctx, Blocking.run(ctx, () -> {
      users.delete(id);
      return id;
    }));
  }

  private static Set<Role> roles(JsonNode node) {
    if (!node.isArray()) {
      throw ApiException.unprocessable("'roles' must be a list of admin, user");
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (JsonNode role : node) {
      roles.add(Role.fromWireName(role.asText()).orElseThrow(() -> ApiException.unprocessable(
          "'roles' contains an unknown role '" + role.asText() + "'")));
    }
    return roles;
  }
}
