package io.pma.history;

import com.fasterxml.jackson.core.JsonGenerator;
import io.pma.domain.EntityId;
import io.pma.domain.Json;
import java.io.IOException;
import java.time.Instant;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes history and statistics the way the API shows them, streaming (a month of one sensor is
 * millions of items): full items {@code {state, attributes?, last_changed, last_updated,
 * context_id?}} or minimal ones {@code {s, lc}} with epoch ms.
 */
public final class HistoryJson {
  private HistoryJson() {}

  /** {@code {"<entity_id>": [items...], ...}}. */
  public static void writeHistory(JsonGenerator out, Map<EntityId, List<HistoryItem>> history,
      boolean minimal) throws IOException {
    // Items share their attribute sets (one object per stored set): each is encoded once.
    Map<ObjectNode, String> encoded = new IdentityHashMap<>();
    MillisText times = new MillisText();
    out.writeStartObject();
    for (Map.Entry<EntityId, List<HistoryItem>> entry : history.entrySet()) {
      out.writeArrayFieldStart(entry.getKey().toString());
      for (HistoryItem item : entry.getValue()) {
        if (minimal) {
          out.writeStartObject();
          out.writeStringField("s", item.state());
          out.writeNumberField("lc", item.lastChanged());
          out.writeEndObject();
        } else {
          writeItem(out, item, encoded, times);
        }
      }
      out.writeEndArray();
    }
    out.writeEndObject();
  }

  private static void writeItem(JsonGenerator out, HistoryItem item,
      Map<ObjectNode, String> encoded, MillisText times) throws IOException {
    out.writeStartObject();
    out.writeStringField("state", item.state());
    if (item.attributes() != null) {
      out.writeFieldName("attributes");
      out.writeRawValue(encoded.computeIfAbsent(item.attributes(), Json::write));
    }
    out.writeStringField("last_changed", times.format(item.lastChanged()));
    out.writeStringField("last_updated", times.format(item.lastUpdated()));
    if (item.contextId() != null) {
      out.writeStringField("context_id", item.contextId());
    }
    out.writeEndObject();
  }

  /** {@code {"<entity_id>": [{start, end, mean, min, max, count, change?, sum?, partial?}]}}. */
  public static void writeStatistics(JsonGenerator out,
      Map<EntityId, List<StatisticsRow>> statistics) throws IOException {
    out.writeStartObject();
    for (Map.Entry<EntityId, List<StatisticsRow>> entry : statistics.entrySet()) {
      out.writeArrayFieldStart(entry.getKey().toString());
      for (StatisticsRow row : entry.getValue()) {
        out.writeStartObject();
        out.writeStringField("start", time(row.start()));
        out.writeStringField("end", time(row.end()));
        out.writeNumberField("mean", row.mean());
        out.writeNumberField("min", row.min());
        out.writeNumberField("max", row.max());
        out.writeNumberField("count", row.count());
        if (row.change() != null) {
          out.writeNumberField("change", row.change());
        }
        if (row.sum() != null) {
          out.writeNumberField("sum", row.sum());
        }
        if (row.partial()) {
          out.writeBooleanField("partial", true);
        }
        out.writeEndObject();
      }
      out.writeEndArray();
    }
    out.writeEndObject();
  }

  private static String time(long epochMs) {
    return Json.formatInstant(Instant.ofEpochMilli(epochMs));
  }
}
