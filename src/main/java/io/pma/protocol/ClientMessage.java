package io.pma.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Every message a client may send (PROTOCOL.md section 3), decoded and validated by
 * {@link MessageDecoder}. {@code requestId} is the client's {@code request_id} (a string or number
 * node) or null; replies echo it.
 */
public sealed interface ClientMessage {

  JsonNode requestId();

  /** {@code authenticate {token}}. */
  record Authenticate(String token, JsonNode requestId) implements ClientMessage {}

  /** {@code unsubscribe {topics}}. */
  record Unsubscribe(List<String> topics, JsonNode requestId) implements ClientMessage {}

  /** {@code resume {last_seq}}: replay what was missed after {@code last_seq} (section 8). */
  record Resume(long lastSeq, JsonNode requestId) implements ClientMessage {}

  /** {@code ping}: answered with {@code pong {server_time}}. */
  record Ping(JsonNode requestId) implements ClientMessage {}

  /**
   * One of the four subscribe messages, reduced to what they share: the topics as the client
   * wrote them (or as derived from ids/event types), options, and an optional domain filter for
   * Home Assistant events (empty set = no filter).
   */
  sealed interface SubscribeRequest extends ClientMessage {
    List<String> topics();

    boolean includeAttributes();

    boolean snapshot();

    /** The {@code history} option (PROTOCOL.md section 9); null when not asked for. */
    default HistoryOption history() {
      return null;
    }

    /** The snapshot in the compact form (docs/WEBSOCKET.md); off unless asked. */
    default boolean compact() {
      return false;
    }

    default Set<String> domains() {
      return Set.of();
    }
  }

  /**
   * A subscription to events rather than entities: events carry all their data and have no state
   * to take a snapshot of, so these messages take neither option.
   */
  sealed interface EventSubscribeRequest extends SubscribeRequest {
    @Override
    default boolean includeAttributes() {
      return true;
    }

    @Override
    default boolean snapshot() {
      return false;
    }
  }

  /**
   * The {@code history} option of a subscription: the entities' history from {@code start}
   * (null = 24 hours back) before their live updates; {@code minimal} items are {@code {s, lc}}.
   */
  record HistoryOption(Instant start, boolean minimal) {}

  /** {@code subscribe {topics, include_attributes, snapshot, compact, history}}. */
  record Subscribe(List<String> topics, boolean includeAttributes, boolean snapshot,
      boolean compact, HistoryOption history, JsonNode requestId) implements SubscribeRequest {}

  /**
   * {@code subscribe_entity_updates {entity_ids, include_attributes, snapshot, compact, history}};
   * no ids = all.
   */
  record SubscribeEntityUpdates(List<String> entityIds, boolean includeAttributes,
      boolean snapshot, boolean compact, HistoryOption history, JsonNode requestId)
      implements SubscribeRequest {
    @Override
    public List<String> topics() {
      return prefixed("entity_updates", entityIds);
    }
  }

  /** {@code subscribe_ha_events {event_types, domains}}; no event types = all types. */
  record SubscribeHaEvents(List<String> eventTypes, Set<String> domains, JsonNode requestId)
      implements EventSubscribeRequest {
    @Override
    public List<String> topics() {
      return prefixed("ha_events", eventTypes);
    }
  }

  /** {@code subscribe_system_events {events}}; no events = all system events. */
  record SubscribeSystemEvents(List<String> events, JsonNode requestId)
      implements EventSubscribeRequest {
    @Override
    public List<String> topics() {
      return prefixed("system_events", events);
    }
  }

  private static List<String> prefixed(String family, List<String> filters) {
    if (filters.isEmpty()) {
      return List.of(family);
    }
    return filters.stream().map(filter -> family + ":" + filter).toList();
  }
}
