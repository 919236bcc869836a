package io.pma.api;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.auth.Principal;
import io.pma.auth.Role;
import io.pma.domain.Json;
import io.pma.notify.InvalidNotificationException;
import io.pma.notify.NotificationDraft;
import io.pma.notify.NotificationService;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Iterator;
import java.util.Set;

/**
 * {@code /api/v1/notifications}: any user sends one (to everyone or to one {@code user_id}); each
 * caller lists the recent ones they may see.
 */
public final class NotificationsResource implements Resource {
  private static final Set<String> FIELDS = Set.of("title", "message", "level", "user_id");
  private static final int DEFAULT_LIMIT = 100;

  private final NotificationService notifications;

  public NotificationsResource(NotificationService notifications) {
    this.notifications = notifications;
  }

  @Override
  public void mount(Router router) {
    router.post("/api/v1/notifications").handler(this::send);
    router.get("/api/v1/notifications").handler(this::list);
    router.get("/api/v1/notifications/unread_count").handler(this::unreadCount);
    router.post("/api/v1/notifications/read_all").handler(ctx -> mark(ctx, null, false));
    router.post("/api/v1/notifications/:id/read").handler(ctx -> mark(ctx, id(ctx), false));
    router.post("/api/v1/notifications/:id/dismiss").handler(ctx -> mark(ctx, id(ctx), true));
  }

  private static String id(RoutingContext ctx) {
    String id = ctx.pathParam("id");
    if (id == null || id.isEmpty() || id.length() > 64) {
      throw ApiException.badRequest("a notification id has 1 to 64 characters");
    }
    return id;
  }

  private void mark(RoutingContext ctx, String id, boolean dismiss) {
    Principal caller = Requests.require(ctx, Role.USER);
    notifications.mark(caller, id, dismiss).onSuccess(marked -> {
      if (id != null && marked == 0) {
        ctx.fail(ApiException.notFound("no notification " + id));
      } else {
        ctx.response().setStatusCode(204).end();
      }
    }).onFailure(ctx::fail);
  }

  private void unreadCount(RoutingContext ctx) {
    Principal caller = Requests.require(ctx, Role.USER);
    notifications.inbox(caller, notifications.keep()).onSuccess(entries -> Responses.ok(ctx,
        Json.object().put("unread", entries.stream().filter(e -> e.mark() == null).count())))
        .onFailure(ctx::fail);
  }

  /** A notification with the caller's own {@code read} and {@code dismissed}. */
  private static ObjectNode withMark(NotificationService.InboxEntry entry) {
    return Json.toObject(entry.notification()).put("read", entry.mark() != null)
        .put("dismissed", entry.mark() != null && entry.mark().dismissed());
  }

  private void send(RoutingContext ctx) {
    Principal caller = Requests.require(ctx, Role.USER);
    ObjectNode body = Requests.jsonObject(ctx);
    for (Iterator<String> names = body.fieldNames(); names.hasNext();) {
      String name = names.next();
      if (!FIELDS.contains(name)) {
        throw ApiException.unprocessable("unknown field '" + name + "'");
      }
    }
    // The service also takes an empty title (automations may send a message only); people
    // posting here are asked for one.
    String title = Requests.text(body, "title", true, NotificationService.MAX_TITLE);
    if (title.isBlank()) {
      throw ApiException.unprocessable("'title' must not be blank");
    }
    NotificationDraft draft = new NotificationDraft(title,
        Requests.text(body, "message", true, NotificationService.MAX_MESSAGE),
        Requests.text(body, "level", true, 16), "user:" + caller.username(),
        Requests.text(body, "user_id", false, 200));
    notifications.send(draft, Requests.context(ctx)).onSuccess(sent -> Responses.json(ctx, 201, sent))
        .onFailure(e -> ctx.fail(e instanceof InvalidNotificationException
            ? ApiException.unprocessable(e.getMessage()) : e));
  }

  private void list(RoutingContext ctx) {
    Principal caller = Requests.require(ctx, Role.USER);
    int limit = limit(ctx.queryParams().get("limit"));
    notifications.inbox(caller, limit).onSuccess(list -> Responses.ok(ctx,
        list.stream().map(NotificationsResource::withMark).toList())).onFailure(ctx::fail);
  }

  private int limit(String text) {
    if (text == null) {
      return DEFAULT_LIMIT;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= notifications.keep()) {
        return limit;
      }
    } catch (NumberFormatException e) {
      // answered below
    }
    throw ApiException.badRequest("limit must be a number from 1 to " + notifications.keep());
  }
}
