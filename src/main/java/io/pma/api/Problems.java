package io.pma.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.auth.AuthenticationException;
import io.pma.domain.Json;
import io.pma.domain.Refusal;
import io.pma.domain.RefusedException;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one mapper from failures to problem+json responses. Expected failures become their status;
 * anything else is a 500 with a stack trace in the log and nothing internal in the response.
 */
public final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  private static final Map<Integer, String> TITLES = Map.ofEntries(Map.entry(400, "Bad Request"),
      Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
      Map.entry(405, "Method Not Allowed"), Map.entry(409, "Conflict"),
      Map.entry(413, "Content Too Large"), Map.entry(415, "Unsupported Media Type"),
      Map.entry(422, "Unprocessable Content"), Map.entry(429, "Too Many Requests"),
      Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"),
      Map.entry(504, "Gateway Timeout"));

  private Problems() {}

  /** The router's failure handler. */
  public static void handle(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    if (failure instanceof ApiException e) {
      send(ctx.response(), e.status(), e.title(), e.getMessage(), e.extensions());
    } else if (failure instanceof AuthenticationException e) {
      send(ctx.response(), 401, TITLES.get(401), e.getMessage());
    } else if (failure instanceof RefusedException e) {
      int status = statusOf(e.kind());
      send(ctx.response(), status, TITLES.get(status), e.getMessage(), invalidParam(e));
    } else if (failure instanceof HttpClosedException || ctx.response().closed()) {
      // The client went away mid-request or mid-response (a broken pipe while sending a file):
      // nobody to answer, nothing wrong with PMA, and no stack trace for anyone to flood the log.
      LOG.debug("client closed the connection during {} {}", ctx.request().method(),
          ctx.request().path());
    } else if (failure == null && ctx.statusCode() > 0) {
      int status = ctx.statusCode();
      send(ctx.response(), status, TITLES.getOrDefault(status, "Error"), detailOf(status));
    } else {
      LOG.error("unexpected failure on {} {}", ctx.request().method(), ctx.request().path(),
          failure);
      send(ctx.response(), 500, "Internal Server Error", "an unexpected error occurred");
    }
  }

  /** The one mapping from the core's error catalogue to HTTP. */
  public static int statusOf(Refusal refusal) {
    return switch (refusal) {
      case INVALID, UNSUPPORTED, INVALID_PARAMETERS -> 422;
      case FORBIDDEN -> 403;
      case NOT_FOUND -> 404;
      case CONFLICT -> 409;
      case UNAVAILABLE -> 503;
      case UPSTREAM_FAILED -> 502;
      case TIMEOUT -> 504;
    };
  }

  /** {@code invalid_params: [{name, reason}]} for a refusal about one field, else null. */
  private static ObjectNode invalidParam(RefusedException e) {
    if (e.field() == null) {
      return null;
    }
    ObjectNode extensions = Json.object();
    extensions.putArray("invalid_params").addObject().put("name", e.field())
        .put("reason", e.getMessage());
    return extensions;
  }

  private static String detailOf(int status) {
    switch (status) {
      case 404: return "no such resource";
      case 405: return "method not allowed on this resource";
      case 413: return "request body too large";
      case 415: return "send the body as application/json";
      default: return TITLES.getOrDefault(status, "request failed");
    }
  }

  public static void send(HttpServerResponse response, int status, String title, String detail) {
    send(response, status, title, detail, null);
  }

  /** A problem document with extra members ({@code extensions} may be null). */
  public static void send(HttpServerResponse response, int status, String title, String detail,
      ObjectNode extensions) {
    if (response.ended() || response.closed()) {
      return;
    }
    var body = Json.object()
        .put("type", "about:blank")
        .put("title", title)
        .put("status", status)
        .put("detail", detail);
    if (extensions != null) {
      body.setAll(extensions);
    }
    if (status == 401) {
      response.putHeader("WWW-Authenticate", "Bearer");
    }
    response.setStatusCode(status)
        .putHeader("Content-Type", "application/problem+json")
        .end(body.toString());
  }
}
