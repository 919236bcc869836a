package io.pma.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.adapter.AdapterManager;
import io.pma.adapter.EntityAction;
import io.pma.auth.Permissions;
import io.pma.auth.Principal;
import io.pma.auth.Role;
import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import io.pma.domain.EntityUpdate;
import io.pma.domain.Json;
import io.pma.registry.ChangeKind;
import io.pma.registry.EntityRegistry;
import io.pma.registry.Snapshot;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** {@code /api/v1/entities}: read, control, customise, record API-owned states, delete. */
public final class EntitiesResource implements Resource {
  static final String API_SOURCE = "api";
  private static final Pattern ACTION = Pattern.compile("[a-z_]{1,64}");
  private static final int MAX_STATE_LENGTH = 255;

  private final EntityRegistry registry;
  private final AdapterManager adapters;
  private final EntityListCache listCache = new EntityListCache();

  public EntitiesResource(EntityRegistry registry, AdapterManager adapters) {
    this.registry = registry;
    this.adapters = adapters;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/entities").handler(this::list);
    router.get("/api/v1/entities/:entity_id").handler(this::get);
    router.post("/api/v1/entities/:entity_id/action").handler(this::action);
    router.put("/api/v1/entities/:entity_id/state").handler(this::putState);
    router.patch("/api/v1/entities/:entity_id").handler(this::customize);
    router.delete("/api/v1/entities/:entity_id").handler(this::delete);
  }

  private void customize(RoutingContext ctx) {
    Requests.require(ctx, Role.USER);
    EntityId id = Requests.entityId(ctx);
    EntityPatch patch = EntityPatch.parse(Requests.jsonObject(ctx));
    Responses.ok(ctx, registry.customize(id, patch::applyTo, Requests.context(ctx))
        .orElseThrow(() -> ApiException.notFound("no entity " + id)));
  }

  /**
   * The list, in entity-id order. Encoding 15,000 entities (~9 MB) takes tens of milliseconds, so
   * it runs on a worker thread, never on the event loop; the unfiltered list reuses the encoding
   * of every run of entities that did not change ({@link EntityListCache}).
   */
  private void list(RoutingContext ctx) {
    Principal caller = Requests.require(ctx, Role.USER);
    String domain = ctx.request().getParam("domain");
    String source = ctx.request().getParam("source");
    String area = ctx.request().getParam("area");
    String q = ctx.request().getParam("q");
    String needle = q == null ? null : q.toLowerCase(Locale.ROOT);
    Snapshot snapshot = registry.sortedSnapshot(null);
    boolean everything = domain == null && source == null && area == null && q == null
        && !caller.scoped();
    Blocking.run(ctx, () -> {
      if (everything) {
        return listCache.encode(snapshot.entities());
      }
      return Json.writeBytes(snapshot.entities().stream()
          .filter(e -> domain == null || e.entityId().domain().equals(domain))
          .filter(e -> source == null || source.equals(e.source()))
          .filter(e -> area == null || area.equals(e.area()))
          .filter(e -> needle == null || matches(e, needle))
          .filter(e -> Permissions.reachesEntity(caller, e.entityId().toString()))
          .toList());
    }).onSuccess(json -> sendJson(ctx, json)).onFailure(ctx::fail);
  }

  private static void sendJson(RoutingContext ctx, byte[] json) {
    ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(json));
  }

  private static boolean matches(Entity entity, String needle) {
    return entity.entityId().toString().contains(needle)
        || (entity.name() != null && entity.name().toLowerCase(Locale.ROOT).contains(needle));
  }

  private void get(RoutingContext ctx) {
    Responses.ok(ctx, existing(reachableEntityId(ctx)));
  }

  /**
   * The entity id in the path, when the caller may reach it: a token limited to topics only
   * reaches the entities its topics cover (403 otherwise, before anything is looked up).
   */
  private static EntityId reachableEntityId(RoutingContext ctx) {
    Principal caller = Requests.require(ctx, Role.USER);
    EntityId id = Requests.entityId(ctx);
    if (!Permissions.reachesEntity(caller, id.toString())) {
      throw ApiException.forbidden(id + " is outside the topics of this token");
    }
    return id;
  }

  private Entity existing(EntityId id) {
    return registry.get(id).orElseThrow(() -> ApiException.notFound("no entity " + id));
  }

  private void action(RoutingContext ctx) {
    EntityId id = reachableEntityId(ctx);
    ObjectNode body = Requests.jsonObject(ctx);
    String action = Requests.text(body, "action", true, 64);
    if (!ACTION.matcher(action).matches()) {
      throw ApiException.unprocessable("'action' must be a lower-case action name");
    }
    ObjectNode parameters = Requests.object(body, "parameters");
    Entity entity = existing(id);
    adapters.execute(new EntityAction(entity, action, parameters, Requests.context(ctx)))
        .onSuccess(v -> Responses.json(ctx, 202, Json.object()
            .put("entity_id", id.toString()).put("action", action).put("status", "accepted")))
        .onFailure(ctx::fail);
  }

  private void putState(RoutingContext ctx) {
    EntityId id = reachableEntityId(ctx);
    ObjectNode body = Requests.jsonObject(ctx);
    String state = stateOf(body);
    ObjectNode attributes = Requests.object(body, "attributes");
    registry.get(id).filter(e -> !API_SOURCE.equals(e.source())).ifPresent(e -> {
      throw ApiException.conflict(id + " is owned by adapter '" + e.adapterId() + "'");
    });
    ChangeKind kind = registry.apply(new EntityUpdate(id, state, attributes, API_SOURCE, null,
        Requests.text(body, "name", false, 255), Requests.text(body, "area", false, 255), true),
        Requests.context(ctx));
    Responses.json(ctx, kind == ChangeKind.ADDED ? 201 : 200, existing(id));
  }

  private static String stateOf(ObjectNode body) {
    JsonNode state = body.get("state");
    String problem = stateProblem(state);
    if (problem != null) {
      throw ApiException.unprocessable(problem);
    }
    return state.asText();
  }

  /** Why {@code state} cannot be an entity's state, or null when it can. */
  static String stateProblem(JsonNode state) {
    if (state == null || state.isNull()) {
      return "'state' is required";
    }
    if (!state.isValueNode()) {
      return "'state' must be a string, number or boolean";
    }
    String text = state.asText();
    if (text.isEmpty() || text.length() > MAX_STATE_LENGTH) {
      return "'state' must have 1 to " + MAX_STATE_LENGTH + " characters";
    }
    return null;
  }

  private void delete(RoutingContext ctx) {
    EntityId id = reachableEntityId(ctx);
    Entity entity = existing(id);
    registry.remove(id, entity.source(), Requests.context(ctx));
    ctx.response().setStatusCode(204).end();
  }
}
