package io.pma.cluster;

import io.vertx.redis.client.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One entry of the cluster event stream as stored by {@code publish.lua}: its seq (the entry id is
 * {@code <seq>-0}), the publishing node, the event's kind, context and JSON, the entity after the
 * change (empty when none) and when it was published. The context is empty in entries an older
 * version wrote.
 */
record StreamEntry(long seq, String node, String kind, Instant at, String context, String event,
    String entity) {

  /** Parses {@code [[id, [field, value, ...]], ...]} as XRANGE returns it. */
  static List<StreamEntry> parseRange(Response range) {
    List<StreamEntry> entries = new ArrayList<>();
    if (range == null) {
      return entries;
    }
    for (Response item : range) {
      entries.add(parse(item));
    }
    return entries;
  }

  /** Parses an XREAD reply on one stream: {@code [[key, [[id, fields], ...]]]}, null on timeout. */
  static List<StreamEntry> parseRead(Response read) {
    if (read == null || read.size() == 0) {
      return List.of();
    }
    return parseRange(read.get(0).get(1));
  }

  private static StreamEntry parse(Response item) {
    String id = item.get(0).toString();
    Response fields = item.get(1);
    String node = "";
    String kind = "";
    String at = null;
    String context = "";
    String event = "";
    String entity = "";
    for (int i = 0; i + 1 < fields.size(); i += 2) {
      String value = fields.get(i + 1).toString();
      switch (fields.get(i).toString()) {
        case "node" -> node = value;
        case "kind" -> kind = value;
        case "at" -> at = value;
        case "context" -> context = value;
        case "event" -> event = value;
        case "entity" -> entity = value;
        default -> { } // a field from a newer version: ignored
      }
    }
    long seq = Long.parseLong(id.substring(0, id.indexOf('-')));
    return new StreamEntry(seq, node, kind, at == null ? Instant.EPOCH : Instant.parse(at),
        context, event, entity);
  }

  static String id(long seq) {
    return seq + "-0";
  }
}
