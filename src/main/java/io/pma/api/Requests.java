package io.pma.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.auth.Principal;
import io.pma.auth.Role;
import io.pma.domain.Context;
import io.pma.domain.EntityId;
import io.pma.domain.Json;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.util.Locale;

/** Reading requests: the JSON body, path ids and the caller, with the API's errors for bad input. */
public final class Requests {
  static final String PRINCIPAL = "pma.principal";
  private static final String CONTEXT = "pma.context";

  private Requests() {}

  /** The body as a JSON object; 415 when not JSON, 400 when malformed or not an object. */
  public static ObjectNode jsonObject(RoutingContext ctx) {
    if (!(jsonBody(ctx) instanceof ObjectNode object)) {
      throw ApiException.badRequest("the body must be a JSON object");
    }
    return object;
  }

  /** The body as a JSON array; 415 when not JSON, 400 when malformed or not an array. */
  public static ArrayNode jsonArray(RoutingContext ctx) {
    if (!(jsonBody(ctx) instanceof ArrayNode array)) {
      throw ApiException.badRequest("the body must be a JSON array");
    }
    return array;
  }

  private static JsonNode jsonBody(RoutingContext ctx) {
    String contentType = ctx.request().getHeader("Content-Type");
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(415, "Unsupported Media Type", "send the body as application/json");
    }
    var body = ctx.body().buffer();
    if (body == null || body.length() == 0) {
      throw ApiException.badRequest("request body is empty");
    }
    try {
      return Json.MAPPER.readTree(body.getBytes());
    } catch (IOException e) {
      throw ApiException.badRequest("malformed JSON");
    }
  }

  /** A string field; 422 when present with another type, too long, or missing while required. */
  public static String text(ObjectNode body, String field, boolean required, int maxLength) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      if (required) {
        throw ApiException.unprocessable("'" + field + "' is required");
      }
      return null;
    }
    if (!value.isTextual()) {
      throw ApiException.unprocessable("'" + field + "' must be a string");
    }
    if (value.asText().length() > maxLength) {
      throw ApiException.unprocessable("'" + field + "' is longer than " + maxLength);
    }
    return value.asText();
  }

  /** An optional object field; 422 when present with another type. */
  public static ObjectNode object(ObjectNode body, String field) {
    JsonNode value = body.get(field);
    if (value == null || value.isNull()) {
      return Json.object();
    }
    if (!(value instanceof ObjectNode object)) {
      throw ApiException.unprocessable("'" + field + "' must be an object");
    }
    return object;
  }

  public static EntityId entityId(RoutingContext ctx) {
    try {
      return EntityId.parse(ctx.pathParam("entity_id"));
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
  }

  public static Principal principal(RoutingContext ctx) {
    return ctx.get(PRINCIPAL);
  }

  /**
   * The context of this REST call (PROTOCOL.md section 9): one per request, on behalf of the
   * caller; what the call causes is published with it.
   */
  public static Context context(RoutingContext ctx) {
    Context context = ctx.get(CONTEXT);
    if (context == null) {
      Principal caller = principal(ctx);
      context = Context.origin(caller == null ? null : caller.userId());
      ctx.put(CONTEXT, context);
    }
    return context;
  }

  /** Fails with 403 unless the caller has {@code role}. */
  public static Principal require(RoutingContext ctx, Role role) {
    Principal principal = principal(ctx);
    if (principal == null) {
      throw ApiException.unauthorized("a bearer token is required");
    }
    if (!principal.hasRole(role)) {
      throw ApiException.forbidden("this needs the '" + role.wireName() + "' role");
    }
    return principal;
  }
}
