package io.pma.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.auth.Permissions;
import io.pma.auth.Principal;
import io.pma.auth.Role;
import io.pma.domain.Context;
import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import io.pma.domain.EntityUpdate;
import io.pma.domain.Json;
import io.pma.registry.ChangeKind;
import io.pma.registry.EntityRegistry;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code POST /api/v1/entities/states}: the bulk form of {@code PUT /api/v1/entities/{id}/state}
 * for feeders. Validation is all-or-nothing: every item is checked before the first is applied,
 * and a refusal names each bad item by its index; then the items are applied in order, each as
 * its own change with the request's context. Parsing, checking and applying run on a worker
 * thread: a thousand items are ~400 KB of JSON and a thousand registry writes, milliseconds that
 * must not hold the event loop. Parallel requests may interleave; each keeps its own order.
 */
public final class BulkStatesResource implements Resource {
  static final String PATH = "/api/v1/entities/states";
  static final int MAX_ITEMS = 1000;
  /**
   * The body limit of this route: 1,000 items of a realistic size (an id, a state and ~300 bytes
   * of attributes: ~400 KB) with room to spare, where single requests get
   * {@code server.max_body_bytes} (64 KiB). Only an authenticated caller gets the body read.
   */
  static final int MAX_BODY_BYTES = 1024 * 1024;

  /** One item that passed validation. */
  private record Item(EntityId id, String state, ObjectNode attributes) {}

  /** Why one item was refused: its index, the field at fault (or null) and the reason. */
  private record Refusal(int index, String field, String reason) {}

  private final EntityRegistry registry;

  public BulkStatesResource(EntityRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void mount(Router router) {
    router.post(PATH).handler(this::post);
  }

  private void post(RoutingContext ctx) {
    Principal caller = Requests.require(ctx, Role.USER);
    Context context = Requests.context(ctx);
    Responses.okWhenDone(ctx,
        Blocking.run(ctx, () -> apply(Requests.jsonArray(ctx), caller, context)));
  }

  /** Parses, checks and applies the items: on a worker thread (the registry is thread-safe). */
  private ObjectNode apply(ArrayNode body, Principal caller, Context context) {
    if (body.size() > MAX_ITEMS) {
      throw ApiException.unprocessable("at most " + MAX_ITEMS + " items per request, got "
          + body.size());
    }
    List<Item> items = validate(body, caller);
    ObjectNode answer = Json.object();
    ArrayNode results = answer.putArray("results");
    for (Item item : items) {
      ChangeKind kind = registry.apply(new EntityUpdate(item.id(), item.state(), item.attributes(),
          EntitiesResource.API_SOURCE, null, null, null, true), context);
      results.addObject().put("entity_id", item.id().toString())
          .put("result", kind.name().toLowerCase(Locale.ROOT));
    }
    answer.put("count", items.size());
    return answer;
  }

  /**
   * Every item checked: shape and values first (422), then the caller's reach (403), then
   * ownership (409, an entity an adapter owns). Each refusal lists every item at fault.
   */
  private List<Item> validate(ArrayNode body, Principal caller) {
    List<Item> items = new ArrayList<>(body.size());
    List<Refusal> invalid = new ArrayList<>();
    for (int i = 0; i < body.size(); i++) {
      Item item = parse(i, body.get(i), invalid);
      if (item != null) {
        items.add(item);
      }
    }
    refuse(422, "Unprocessable Content", "invalid items", invalid);
    List<Refusal> unreachable = new ArrayList<>();
    List<Refusal> owned = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      EntityId id = items.get(i).id();
      if (!Permissions.reachesEntity(caller, id.toString())) {
        unreachable.add(new Refusal(i, "entity_id", id + " is outside the topics of this token"));
      }
      Entity current = registry.get(id).orElse(null);
      if (current != null && !EntitiesResource.API_SOURCE.equals(current.source())) {
        owned.add(new Refusal(i, "entity_id", id + " is owned by adapter '"
            + current.adapterId() + "'"));
      }
    }
    refuse(403, "Forbidden", "items outside the topics of this token", unreachable);
    refuse(409, "Conflict", "items owned by an adapter", owned);
    return items;
  }

  private static Item parse(int index, JsonNode node, List<Refusal> invalid) {
    if (!(node instanceof ObjectNode item)) {
      invalid.add(new Refusal(index, null, "each item must be a JSON object"));
      return null;
    }
    int before = invalid.size();
    EntityId id = null;
    JsonNode entityId = item.get("entity_id");
    if (entityId == null || !entityId.isTextual()) {
      invalid.add(new Refusal(index, "entity_id", "'entity_id' is required and must be a string"));
    } else {
      try {
        id = EntityId.parse(entityId.asText());
      } catch (IllegalArgumentException e) {
        invalid.add(new Refusal(index, "entity_id", e.getMessage()));
      }
    }
    String stateProblem = EntitiesResource.stateProblem(item.get("state"));
    if (stateProblem != null) {
      invalid.add(new Refusal(index, "state", stateProblem));
    }
    JsonNode attributes = item.get("attributes");
    if (attributes != null && !attributes.isNull() && !attributes.isObject()) {
      invalid.add(new Refusal(index, "attributes", "'attributes' must be an object"));
    }
    if (invalid.size() > before) {
      return null;
    }
    return new Item(id, item.get("state").asText(),
        attributes instanceof ObjectNode object ? object : Json.object());
  }

  /**
   * Fails the request when {@code refusals} is not empty, with {@code invalid_params} naming each
   * item ({@code name} is {@code [index]} or {@code [index].field}).
   */
  private static void refuse(int status, String title, String what, List<Refusal> refusals) {
    if (refusals.isEmpty()) {
      return;
    }
    ObjectNode extensions = Json.object();
    ArrayNode params = extensions.putArray("invalid_params");
    for (Refusal refusal : refusals) {
      params.addObject()
          .put("name", "[" + refusal.index() + "]"
              + (refusal.field() == null ? "" : "." + refusal.field()))
          .put("index", refusal.index())
          .put("reason", refusal.reason());
    }
    Refusal first = refusals.get(0);
    throw new ApiException(status, title, refusals.size() + " " + what + " (first: item "
        + first.index() + ": " + first.reason() + "); nothing was applied", extensions);
  }
}
