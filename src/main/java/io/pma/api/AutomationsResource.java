package io.pma.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.auth.Principal;
import io.pma.auth.Role;
import io.pma.automation.Automations;
import io.pma.automation.FieldError;
import io.pma.automation.Rule;
import io.pma.automation.RuleParser;
import io.pma.automation.RuleValidationException;
import io.pma.automation.TriggerOutcome;
import io.pma.domain.Json;
import io.pma.store.StoreException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /api/v1/automations}: rules, their switches, manual runs and run history. Reading and
 * writing need the {@code user} role: a rule can do nothing a user could not do through the
 * entity API directly.
 */
public final class AutomationsResource implements Resource {
  private static final String BASE = "/api/v1/automations";

  private final Automations automations;

  public AutomationsResource(Automations automations) {
    this.automations = automations;
  }

  @Override
  public void mount(Router router) {
    router.get(BASE).handler(this::list);
    router.post(BASE).handler(this::create);
    router.get(BASE + "/:id").handler(this::get);
    router.put(BASE + "/:id").handler(this::replace);
    router.delete(BASE + "/:id").handler(this::delete);
    router.post(BASE + "/:id/enable").handler(ctx -> setEnabled(ctx, true));
    router.post(BASE + "/:id/disable").handler(ctx -> setEnabled(ctx, false));
    router.post(BASE + "/:id/trigger").handler(this::trigger);
    router.get(BASE + "/:id/runs").handler(this::runs);
  }

  private void list(RoutingContext ctx) {
    Requests.require(ctx, Role.USER);
    Responses.ok(ctx, automations.list());
  }

  private void get(RoutingContext ctx) {
    Requests.require(ctx, Role.USER);
    Responses.ok(ctx, automations.get(id(ctx)));
  }

  private void create(RoutingContext ctx) {
    Requests.require(ctx, Role.USER);
    Rule parsed = parse(Requests.jsonObject(ctx));
    Blocking.run(ctx, () -> automations.create(parsed)).onSuccess(rule -> {
      ctx.response().putHeader("Location", BASE + "/" + rule.id());
      Responses.json(ctx, 201, rule);
    }).onFailure(e -> ctx.fail(problem(e)));
  }

  private void replace(RoutingContext ctx) {
    Requests.require(ctx, Role.USER);
    String id = id(ctx);
    Rule parsed = parse(Requests.jsonObject(ctx));
    Blocking.run(ctx, () -> automations.replace(id, parsed))
        .onSuccess(rule -> Responses.ok(ctx, rule)).onFailure(e -> ctx.fail(problem(e)));
  }

  private void delete(RoutingContext ctx) {
    Requests.require(ctx, Role.USER);
    String id = id(ctx);
    Blocking.run(ctx, () -> {
      automations.delete(id);
      return id;
    }).onSuccess(v -> ctx.response().setStatusCode(204).end())
        .onFailure(e -> ctx.fail(problem(e)));
  }

  private void setEnabled(RoutingContext ctx, boolean enabled) {
    Requests.require(ctx, Role.USER);
    String id = id(ctx);
    Blocking.run(ctx, () -> automations.setEnabled(id, enabled))
        .onSuccess(rule -> Responses.ok(ctx, rule)).onFailure(e -> ctx.fail(problem(e)));
  }

  /** Body (optional): {@code {"skip_conditions": false}} to run only if the conditions hold. */
  private void trigger(RoutingContext ctx) {
    Principal caller = Requests.require(ctx, Role.USER);
    String id = id(ctx);
    boolean skipConditions = true;
    if (ctx.body().length() > 0) {
      JsonNode skip = Requests.jsonObject(ctx).get("skip_conditions");
      if (skip != null && !skip.isNull() && !skip.isBoolean()) {
        throw ApiException.unprocessable("'skip_conditions' must be true or false");
      }
      skipConditions = skip == null || skip.isNull() || skip.asBoolean();
    }
    ObjectNode trigger = Json.object().put("type", "manual").put("user_id", caller.userId())
        .put("username", caller.username());
    automations.trigger(id, trigger, !skipConditions, Requests.context(ctx))
        .onSuccess(outcome -> answer(ctx, id, outcome)).onFailure(e -> ctx.fail(problem(e)));
  }

  private static void answer(RoutingContext ctx, String id, TriggerOutcome outcome) {
    ObjectNode body = Json.object().put("automation_id", id)
        .put("execution_id", outcome.executionId()).put("status", outcome.status().wireName());
    switch (outcome.status()) {
      case STARTED, QUEUED -> Responses.json(ctx, 202, body);
      case CONDITIONS_NOT_MET -> Responses.ok(ctx, body);
      case SUPPRESSED -> ctx.fail(new ApiException(429, "Too Many Requests", "automation '" + id
          + "' was not run: its loop guard is active (see its runs)"));
      case DROPPED -> ctx.fail(ApiException.conflict("automation '" + id + "' was not run: it is"
          + " running and its mode allows no further run now"));
    }
  }

  private void runs(RoutingContext ctx) {
    Requests.require(ctx, Role.USER);
    String id = id(ctx);
    Blocking.run(ctx, () -> automations.runs(id)).onSuccess(runs -> Responses.ok(ctx, runs))
        .onFailure(e -> ctx.fail(problem(e)));
  }

  private static String id(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || !RuleParser.ID.matcher(id).matches()) {
      throw ApiException.notFound("no automation '" + id + "'");
    }
    return id;
  }

  private static Rule parse(ObjectNode body) {
    try {
      return RuleParser.parse(body);
    } catch (RuleValidationException e) {
      ArrayNode invalid = Json.MAPPER.createArrayNode();
      for (FieldError error : e.errors()) {
        invalid.addObject().put("name", error.name()).put("reason", error.reason());
      }
      ObjectNode extensions = Json.object();
      extensions.set("invalid_params", invalid);
      throw new ApiException(422, "Unprocessable Content", e.getMessage(), extensions);
    }
  }

  /** {@link AutomationException}s are mapped by {@link Problems}; store failures are 503. */
  private static Throwable problem(Throwable e) {
    if (e instanceof StoreException) {
      return new ApiException(503, "Service Unavailable", "automations cannot be stored now: "
          + e.getMessage());
    }
    return e;
  }
}
