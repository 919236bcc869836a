package io.pma.hub;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import io.pma.domain.Json;
import io.pma.history.History;
import io.pma.history.HistoryItem;
import io.pma.history.HistoryJson;
import io.pma.history.HistoryRequest;
import io.pma.protocol.ClientMessage;
import io.pma.protocol.ServerMessages;
import io.pma.registry.Snapshot;
import io.pma.topic.TopicPattern;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code history} option of a subscription (PROTOCOL.md section 9). The subscription is
 * already in the index and the registry's snapshot taken at seq S; a fence drops live events up
 * to S (the history covers them) and the connection holds every newer live event back while the
 * history is read on a thread of its own. Each entity's history is the recorded items before the
 * update that S reflects, then that state itself from the snapshot; so the history ends exactly
 * at S, and the held events (all after S) follow it: no gap, no duplicate. Stateless; runs on the
 * session's event loop (the read comes back to it).
 */
final class HistoryCommand {
  static final String UNAVAILABLE = "history unavailable";
  private static final Logger LOG = LoggerFactory.getLogger(HistoryCommand.class);
  private static final long DAY_MS = 86_400_000L;

  private final History history;
  private final Clock clock;

  /** {@code history} null: the option is answered with an empty, failed history. */
  HistoryCommand(History history, Clock clock) {
    this.history = history;
    this.clock = clock;
  }

  /** Whether a start this far back is allowed (31 days). */
  boolean startAllowed(ClientMessage.HistoryOption option, Instant now) {
    return option.start() == null
        || option.start().toEpochMilli() >= now.toEpochMilli() - HistoryRequest.MAX_RANGE_MS;
  }

  /** Whether the connection can take a history now (no resume or history read running). */
  boolean canStart(Session session) {
    return session.resume().held() == null;
  }

  void send(Session session, List<TopicPattern> patterns, Snapshot snapshot,
      ClientMessage.SubscribeRequest request) {
    session.fences().add(patterns, snapshot.seq());
    session.holdForResume();
    Instant end = clock.instant();
    Instant start = request.history().start() != null ? request.history().start()
        : end.minusMillis(DAY_MS);
    if (start.isAfter(end)) {
      start = end;
    }
    List<Entity> entities = new ArrayList<>(snapshot.entities());
    entities.sort(Comparator.comparing(e -> e.entityId().toString()));
    boolean minimal = request.history().minimal();
    HistoryRequest read = new HistoryRequest(entities.stream().map(Entity::entityId).toList(),
        start.toEpochMilli(), end.toEpochMilli(), minimal, request.includeAttributes());
    Reply reply = new Reply(session, start, end, snapshot.seq(), entities, read, request,
        clock);
    if (history == null) {
      reply.failed();
      return;
    }
    // Read and encoded on the history's read threads; only sending is left to the event loop.
    history.readRecorded(read).thenApply(reply::encode).whenComplete((json, error) ->
        session.shard().execute(() -> {
          if (error != null) {
            LOG.warn("history for a subscription unavailable: {}", error.toString());
            reply.failed();
          } else {
            reply.send(json);
          }
          session.shard().flushDirty();
        }));
  }

  private record Reply(Session session, Instant start, Instant end, long seq,
      List<Entity> entities, HistoryRequest read, ClientMessage.SubscribeRequest request,
      Clock clock) {

    /** The recorded items stitched to the snapshot, as the message's {@code entities}. */
    byte[] encode(Map<EntityId, List<HistoryItem>> recorded) {
      Map<EntityId, List<HistoryItem>> stitched = new LinkedHashMap<>();
      for (Entity entity : entities) {
        stitched.put(entity.entityId(), upToSnapshot(
            recorded.getOrDefault(entity.entityId(), List.of()), entity));
      }
      return entitiesJson(stitched);
    }

    void send(byte[] entitiesJson) {
      if (session.isClosed()) {
        session.releaseHeld(Long.MAX_VALUE);
        return;
      }
      finish(entitiesJson, null);
    }

    void failed() {
      if (session.isClosed()) {
        session.releaseHeld(Long.MAX_VALUE);
        return;
      }
      finish("{}".getBytes(java.nio.charset.StandardCharsets.UTF_8), UNAVAILABLE);
    }

    private void finish(byte[] entitiesJson, String error) {
      session.send(ServerMessages.entityHistory(start, end, seq, entitiesJson, error,
          clock.instant(), request.requestId()));
      session.releaseHeld(0);
    }

    /** The recorded items before the snapshot's update, then the snapshot's state itself. */
    private List<HistoryItem> upToSnapshot(List<HistoryItem> items, Entity entity) {
      long updated = entity.lastUpdated().toEpochMilli();
      long changed = entity.lastChanged().toEpochMilli();
      List<HistoryItem> result = new ArrayList<>(items.size() + 1);
      for (HistoryItem item : items) {
        if (item.lastUpdated() < updated) {
          result.add(item);
        }
      }
      boolean sameState = !result.isEmpty()
          && result.get(result.size() - 1).lastChanged() == changed;
      if (!(read.minimal() && sameState)) {
        result.add(new HistoryItem(entity.state(),
            read.attributes() && !read.minimal() ? entity.attributes() : null, changed, updated,
            null));
      }
      return result;
    }

    private byte[] entitiesJson(Map<EntityId, List<HistoryItem>> items) {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(8192);
      try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(bytes)) {
        HistoryJson.writeHistory(out, items, read.minimal());
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return bytes.toByteArray();
    }
  }
}
