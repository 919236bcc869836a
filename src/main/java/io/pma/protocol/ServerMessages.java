package io.pma.protocol;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.pma.auth.Principal;
import io.pma.domain.Context;
import io.pma.domain.Entity;
import io.pma.domain.EntityAdded;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.Json;
import io.pma.domain.PmaEvent;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Every message the server sends, as UTF-8 JSON bytes. The envelope
 * ({@code type, timestamp, [topic, seq, context,] data, [request_id]}) is built here and nowhere
 * else. Stateless and thread-safe.
 */
public final class ServerMessages {
  private static final byte[] EVENT_TYPE = ascii("{\"type\":\"");
  private static final byte[] EVENT_TIMESTAMP = ascii("\",\"timestamp\":\"");
  private static final byte[] EVENT_TOPIC = ascii("\",\"topic\":");
  private static final byte[] EVENT_SEQ = ascii(",\"seq\":");
  private static final byte[] EVENT_CONTEXT = ascii(",\"context\":");
  private static final byte[] EVENT_DATA = ascii(",\"data\":");

  private ServerMessages() {}

  public static byte[] welcome(String clientId, Instant now, boolean authenticated,
      List<String> features) {
    ObjectNode data = Json.object();
    data.put("client_id", clientId);
    data.put("server_time", Json.formatInstant(now));
    data.put("protocol_version", 1);
    data.put("authenticated", authenticated);
    features.forEach(data.putArray("features")::add);
    return envelope("welcome", now, data, null);
  }

  public static byte[] authenticationSuccess(Principal principal, Instant now, JsonNode requestId) {
    ObjectNode data = Json.object();
    data.put("user_id", principal.userId());
    data.put("username", principal.username());
    ArrayNode roles = data.putArray("roles");
    principal.roles().stream().map(r -> r.wireName()).sorted().forEach(roles::add);
    data.put("expires_at", principal.expiresAt() == null ? null
        : Json.formatInstant(principal.expiresAt()));
    data.put("message", "Authentication successful");
    return envelope("authentication_success", now, data, requestId);
  }

  public static byte[] authenticationFailure(String error, Instant now, JsonNode requestId) {
    ObjectNode data = Json.object();
    data.put("error", error);
    return envelope("authentication_failure", now, data, requestId);
  }

  public static byte[] authenticationExpired(Collection<String> revokedTopics, Instant now) {
    ObjectNode data = Json.object();
    revokedTopics.forEach(data.putArray("revoked_topics")::add);
    return envelope("authentication_expired", now, data, null);
  }

  public static byte[] subscriptionSuccess(Collection<String> topics,
      Collection<String> subscriptions, Instant now, JsonNode requestId) {
    return topicsReply("subscription_success", topics, subscriptions, now, requestId);
  }

  public static byte[] unsubscriptionSuccess(Collection<String> topics,
      Collection<String> subscriptions, Instant now, JsonNode requestId) {
    return topicsReply("unsubscription_success", topics, subscriptions, now, requestId);
  }

  public static byte[] subscriptionFailure(List<TopicRejection> rejected, Instant now,
      JsonNode requestId) {
    ObjectNode data = Json.object();
    data.put("error", rejected.size() == 1 ? "1 topic could not be subscribed"
        : rejected.size() + " topics could not be subscribed");
    ArrayNode topics = data.putArray("topics");
    for (TopicRejection rejection : rejected) {
      topics.addObject().put("topic", rejection.topic()).put("reason", rejection.reason().wire());
    }
    return envelope("subscription_failure", now, data, requestId);
  }

  /** {@code resume_success {from_seq, to_seq, replayed}}: the replay of (from - 1, to] is done. */
  public static byte[] resumeSuccess(long fromSeq, long toSeq, int replayed, Instant now,
      JsonNode requestId) {
    ObjectNode data = Json.object();
    data.put("from_seq", fromSeq);
    data.put("to_seq", toSeq);
    data.put("replayed", replayed);
    return envelope("resume_success", now, data, requestId);
  }

  /** {@code resume_failure {error, oldest_seq}}: the client should take a snapshot instead. */
  public static byte[] resumeFailure(String error, long oldestSeq, Instant now,
      JsonNode requestId) {
    ObjectNode data = Json.object();
    data.put("error", error);
    data.put("oldest_seq", oldestSeq);
    return envelope("resume_failure", now, data, requestId);
  }

  public static byte[] pong(Instant now, JsonNode requestId) {
    ObjectNode data = Json.object();
    data.put("server_time", Json.formatInstant(now));
    return envelope("pong", now, data, requestId);
  }

  public static byte[] invalidMessage(ErrorReason error, String detail, Instant now,
      JsonNode requestId) {
    ObjectNode data = Json.object();
    data.put("error", error.wire());
    data.put("detail", detail);
    return envelope("invalid_message", now, data, requestId);
  }

  /** {@code pma_entity_snapshot {entities, seq}}; attributes left out when not wanted. */
  public static byte[] entitySnapshot(List<Entity> entities, long seq, boolean withAttributes,
      Instant now, JsonNode requestId) {
    return entitySnapshot(entities, seq, SnapshotFormat.of(withAttributes, false), now,
        requestId);
  }

  /** {@code pma_entity_snapshot} in one piece, in {@code format}. */
  public static byte[] entitySnapshot(List<Entity> entities, long seq, SnapshotFormat format,
      Instant now, JsonNode requestId) {
    byte[] head = entitySnapshotHead(format, now);
    byte[] body = snapshotEntities(entities, format);
    byte[] tail = entitySnapshotTail(seq, requestId);
    byte[] out = new byte[head.length + body.length + tail.length];
    System.arraycopy(head, 0, out, 0, head.length);
    System.arraycopy(body, 0, out, head.length, body.length);
    System.arraycopy(tail, 0, out, head.length + body.length, tail.length);
    return out;
  }

  /**
   * The text of a {@code pma_entity_snapshot} up to its first entity. The message is this head,
   * the entities of {@link #snapshotEntities} joined by commas, then {@link #entitySnapshotTail}:
   * so a large snapshot can be sent in fragments, and runs of entities encoded once.
   */
  public static byte[] entitySnapshotHead(SnapshotFormat format, Instant now) {
    StringBuilder head = new StringBuilder(160).append("{\"type\":\"pma_entity_snapshot\",")
        .append("\"timestamp\":\"").append(Json.formatInstant(now)).append("\",\"data\":{");
    if (format.compact()) {
      head.append("\"format\":\"compact\",\"fields\":")
          .append(Json.write(CompactEntities.fields(format.withAttributes()))).append(',');
    }
    return ascii(head.append("\"entities\":[").toString());
  }

  /** The text of a {@code pma_entity_snapshot} after its last entity. */
  public static byte[] entitySnapshotTail(long seq, JsonNode requestId) {
    String tail = "],\"seq\":" + seq + "}"
        + (requestId == null ? "" : ",\"request_id\":" + Json.write(requestId)) + "}";
    return ascii(tail);
  }

  /** Entities as they appear in a snapshot's list, joined by commas (no brackets). */
  public static byte[] snapshotEntities(List<Entity> entities, SnapshotFormat format) {
    if (format.compact()) {
      return CompactEntities.rows(entities, format.withAttributes());
    }
    byte[] array;
    if (format.withAttributes()) {
      array = Json.writeBytes(entities);
    } else {
      ArrayNode list = Json.MAPPER.createArrayNode();
      for (Entity entity : entities) {
        ObjectNode node = Json.toObject(entity);
        node.remove("attributes");
        list.add(node);
      }
      array = Json.writeBytes(list);
    }
    return java.util.Arrays.copyOfRange(array, 1, array.length - 1);
  }

  /**
   * {@code pma_entity_history {start, end, seq, entities}}: {@code entities} is the JSON object
   * of the entities' history items, already written (it can be large, so it is not rebuilt as a
   * tree); {@code error} is set instead when the history could not be read.
   */
  public static byte[] entityHistory(Instant start, Instant end, long seq, byte[] entities,
      String error, Instant now, JsonNode requestId) {
    ObjectNode data = Json.object();
    data.put("start", Json.formatInstant(start));
    data.put("end", Json.formatInstant(end));
    data.put("seq", seq);
    data.putRawValue("entities", new RawValue(new String(entities, StandardCharsets.UTF_8)));
    if (error != null) {
      data.put("error", error);
    }
    return envelope("pma_entity_history", now, data, requestId);
  }

  /**
   * The {@code data} of an event message. Without attributes, entity events drop
   * {@code attributes} (state changes) or {@code entity.attributes} (additions).
   */
  public static byte[] eventData(PmaEvent event, boolean withAttributes) {
    if (withAttributes || !carriesAttributes(event)) {
      return Json.writeBytes(event);
    }
    ObjectNode node = Json.toObject(event);
    if (event instanceof EntityAdded) {
      ((ObjectNode) node.get("entity")).remove("attributes");
    } else {
      node.remove("attributes");
    }
    return Json.writeBytes(node);
  }

  /** Whether an event has a form without attributes (so two encodings can differ). */
  public static boolean carriesAttributes(PmaEvent event) {
    return event instanceof EntityStateChanged || event instanceof EntityAdded;
  }

  /**
   * An event's context as it appears in its message: {@code {"id","parent_id","user_id"}}, all
   * three keys always present (PROTOCOL.md section 9).
   */
  public static byte[] context(Context context) {
    return Json.writeBytes(context);
  }

  /**
   * An event message: {@code {"type","timestamp","topic","seq","context","data"}} around already
   * encoded {@code context} ({@link #context}) and {@code data}, assembled from bytes so one
   * encoding of each serves every topic variant.
   */
  public static byte[] event(String type, String timestamp, String topic, long seq,
      byte[] context, byte[] data) {
    byte[] typeBytes = ascii(type);
    byte[] timeBytes = ascii(timestamp);
    byte[] topicBytes = quoted(topic);
    byte[] seqBytes = ascii(Long.toString(seq));
    byte[] out = new byte[EVENT_TYPE.length + typeBytes.length + EVENT_TIMESTAMP.length
        + timeBytes.length + EVENT_TOPIC.length + topicBytes.length + EVENT_SEQ.length
        + seqBytes.length + EVENT_CONTEXT.length + context.length + EVENT_DATA.length
        + data.length + 1];
    int at = 0;
    for (byte[] part : new byte[][] {EVENT_TYPE, typeBytes, EVENT_TIMESTAMP, timeBytes,
        EVENT_TOPIC, topicBytes, EVENT_SEQ, seqBytes, EVENT_CONTEXT, context, EVENT_DATA,
        data}) {
      System.arraycopy(part, 0, out, at, part.length);
      at += part.length;
    }
    out[at] = '}';
    return out;
  }

  private static byte[] topicsReply(String type, Collection<String> topics,
      Collection<String> subscriptions, Instant now, JsonNode requestId) {
    ObjectNode data = Json.object();
    topics.forEach(data.putArray("topics")::add);
    subscriptions.forEach(data.putArray("subscriptions")::add);
    return envelope(type, now, data, requestId);
  }

  private static byte[] envelope(String type, Instant now, ObjectNode data, JsonNode requestId) {
    ObjectNode message = Json.object();
    message.put("type", type);
    message.put("timestamp", Json.formatInstant(now));
    message.set("data", data);
    if (requestId != null) {
      message.set("request_id", requestId);
    }
    return Json.writeBytes(message);
  }

  private static byte[] quoted(String text) {
    byte[] escaped = JsonStringEncoder.getInstance().quoteAsUTF8(text);
    byte[] out = new byte[escaped.length + 2];
    out[0] = '"';
    System.arraycopy(escaped, 0, out, 1, escaped.length);
    out[out.length - 1] = '"';
    return out;
  }

  private static byte[] ascii(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }
}
