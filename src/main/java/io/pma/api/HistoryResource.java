package io.pma.api;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.auth.Permissions;
import io.pma.auth.Principal;
import io.pma.auth.Role;
import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import io.pma.domain.Json;
import io.pma.history.History;
import io.pma.history.HistoryJson;
import io.pma.history.HistoryRequest;
import io.pma.history.LogbookEntry;
import io.pma.history.StatisticsPeriod;
import io.pma.history.StatisticsRequest;
import io.pma.registry.EntityRegistry;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code GET /api/v1/history}, {@code /api/v1/statistics} and {@code /api/v1/logbook} (API.md "History, statistics and
 * logbook"). An entity the caller's token does not reach (a token limited to topics reaches the
 * entities its {@code entity_updates} topics cover, {@link Permissions#reachesEntity}) is treated
 * exactly like one never recorded: left out, never a 403. Queries run on worker threads.
 */
public final class HistoryResource implements Resource {
  static final int MAX_ENTITIES = 100;
  /** The logbook answers at most this many entries (the earliest of the range). */
  static final int MAX_LOGBOOK = 10_000;
  private static final long DAY_MS = 86_400_000L;

  private final History history;
  private final EntityRegistry registry;
  private final Clock clock;
  private final Function<String, String> usernames;

  /** {@code usernames}: a user id to the name the logbook shows (blocking, on a worker). */
  public HistoryResource(History history, EntityRegistry registry,
      Function<String, String> usernames, Clock clock) {
    this.usernames = usernames;
    this.history = history;
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public void mount(Router router) {
    router.get("/api/v1/history").handler(this::history);
    router.get("/api/v1/statistics").handler(this::statistics);
    router.get("/api/v1/logbook").handler(this::logbook);
  }

  private void logbook(RoutingContext ctx) {
    Principal caller = Requests.require(ctx, Role.USER);
    Range range = range(ctx);
    if (range.end() - range.start() > HistoryRequest.MAX_RANGE_MS) {
      throw ApiException.unprocessable("the range may span at most 31 days");
    }
    List<EntityId> entities = readable(ctx, caller);
    Blocking.run(ctx, () -> {
      ArrayNode list = Json.MAPPER.createArrayNode();
      for (LogbookEntry entry : history.logbook(entities, range.start(), range.end(),
          MAX_LOGBOOK, registry::get, usernames)) {
        ObjectNode item = list.addObject();
        item.put("when", Json.formatInstant(Instant.ofEpochMilli(entry.when())));
        item.put("entity_id", entry.entityId());
        item.put("name", entry.name());
        item.put("state", entry.state());
        item.put("message", entry.message());
        ObjectNode context = item.putObject("context");
        context.put("id", entry.context().id());
        context.put("parent_id", entry.context().parentId());
        context.put("user_id", entry.context().userId());
        context.put("kind", entry.context().kind());
        context.put("source_name", entry.context().sourceName());
      }
      return Json.writeBytes(list);
    }).onSuccess(body -> send(ctx, body)).onFailure(ctx::fail);
  }

  private void history(RoutingContext ctx) {
    Principal caller = Requests.require(ctx, Role.USER);
    Range range = range(ctx);
    if (range.end() - range.start() > HistoryRequest.MAX_RANGE_MS) {
      throw ApiException.unprocessable("the range may span at most 31 days");
    }
    boolean minimal = flag(ctx, "minimal", false);
    HistoryRequest request = new HistoryRequest(readable(ctx, caller), range.start(),
        range.end(), minimal, flag(ctx, "attributes", true));
    Blocking.run(ctx, () -> history.readJson(request)).onSuccess(body -> send(ctx, body))
        .onFailure(ctx::fail);
  }

  private void statistics(RoutingContext ctx) {
    Principal caller = Requests.require(ctx, Role.USER);
    Range range = range(ctx);
    String periodText = ctx.queryParams().get("period");
    StatisticsPeriod period = periodText == null ? StatisticsPeriod.HOUR
        : StatisticsPeriod.fromWire(periodText).orElseThrow(() -> ApiException.unprocessable(
            "period must be one of 5minute, hour, day, month"));
    StatisticsRequest request = new StatisticsRequest(readable(ctx, caller), range.start(),
        range.end(), period);
    if (request.tooLong()) {
      throw ApiException.unprocessable("the range may span at most "
          + StatisticsRequest.MAX_PERIODS + " periods");
    }
    if (request.tooMany()) {
      throw ApiException.unprocessable("periods × entities may be at most "
          + HistoryRequest.MAX_ROWS + ": ask for fewer entities, a shorter range or a longer"
          + " period");
    }
    Blocking.run(ctx, () -> json(out -> HistoryJson.writeStatistics(out,
        history.statistics(request)))).onSuccess(body -> send(ctx, body)).onFailure(ctx::fail);
  }

  /** The requested entities the caller may read (all readable ones when none are named). */
  private List<EntityId> readable(RoutingContext ctx, Principal caller) {
    List<String> params = ctx.queryParams().getAll("entity_id");
    List<EntityId> result = new ArrayList<>();
    if (params.isEmpty()) {
      for (Entity entity : registry.all()) {
        if (Permissions.reachesEntity(caller, entity.entityId().toString())) {
          result.add(entity.entityId());
        }
      }
      result.sort(Comparator.comparing(EntityId::toString));
      return result;
    }
    Set<EntityId> named = new LinkedHashSet<>();
    for (String param : params) {
      for (String text : param.split(",", -1)) {
        try {
          named.add(EntityId.parse(text.trim()));
        } catch (IllegalArgumentException e) {
          throw ApiException.unprocessable("entity_id '" + abbreviate(text)
              + "' is not an entity id");
        }
        if (named.size() > MAX_ENTITIES) {
          throw ApiException.unprocessable("at most " + MAX_ENTITIES + " entity ids");
        }
      }
    }
    for (EntityId id : named) {
      if (Permissions.reachesEntity(caller, id.toString())) {
        result.add(id);
      }
    }
    return result;
  }

  private record Range(long start, long end) {}

  private Range range(RoutingContext ctx) {
    long now = clock.millis();
    long end = time(ctx, "end", now);
    long start = time(ctx, "start", end - DAY_MS);
    if (end < start) {
      throw ApiException.unprocessable("end is before start");
    }
    return new Range(start, end);
  }

  private static long time(RoutingContext ctx, String name, long fallback) {
    String text = ctx.queryParams().get(name);
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    // A '+' of an offset arrives as a space when the client did not percent-encode it.
    String value = text.replace(' ', '+');
    try {
      return OffsetDateTime.parse(value).toInstant().toEpochMilli();
    } catch (DateTimeParseException | ArithmeticException e) {
      throw ApiException.unprocessable(name + " must be an RFC 3339 time such as "
          + Instant.ofEpochSecond(1_767_225_600L));
    }
  }

  private static boolean flag(RoutingContext ctx, String name, boolean fallback) {
    String text = ctx.queryParams().get(name);
    if (text == null || text.isEmpty()) {
      return fallback;
    }
    if (!text.equals("true") && !text.equals("false")) {
      throw ApiException.unprocessable(name + " must be true or false");
    }
    return text.equals("true");
  }

  private interface JsonWriter {
    void write(JsonGenerator out) throws IOException;
  }

  private static byte[] json(JsonWriter writer) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
    try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(bytes)) {
      writer.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static void send(RoutingContext ctx, byte[] body) {
    ctx.response().setStatusCode(200).putHeader("Content-Type", "application/json")
        .end(Buffer.buffer(body));
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "…";
  }
}
