package io.pma.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.SerializedString;
import io.pma.domain.EntityId;
import io.pma.domain.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
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
    // Items share their attribute sets (one object per stored set): each is encoded once, to
    // UTF-8 bytes that are copied as they are into every item.
    Map<ObjectNode, SerializedString> encoded = new IdentityHashMap<>();
    MillisText times = new MillisText();
    out.writeStartObject();
    for (Map.Entry<EntityId, List<HistoryItem>> entry : history.entrySet()) {
      out.writeFieldName(entry.getKey().toString());
      writeItems(out, entry.getValue(), minimal, encoded, times);
    }
    out.writeEndObject();
  }

  /** One entity's items as a JSON array, encoded on its own (entities are encoded in parallel). */
  static byte[] array(List<HistoryItem> items, boolean minimal) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(16 * items.size() + 16);
    try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(bytes)) {
      writeItems(out, items, minimal, new IdentityHashMap<>(), new MillisText());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /**
   * {@code {"<entity_id>": <array>, ...}} of the entities whose array is not null, in order.
   * Entity ids need no escaping (lower-case letters, digits, '_' and one '.').
   */
  static byte[] object(List<EntityId> entities, List<byte[]> arrays) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(
        arrays.stream().mapToInt(a -> a == null ? 0 : a.length + 48).sum() + 2);
    bytes.write('{');
    boolean first = true;
    for (int i = 0; i < entities.size(); i++) {
      if (arrays.get(i) == null) {
        continue;
      }
      if (!first) {
        bytes.write(',');
      }
      first = false;
      bytes.writeBytes(('"' + entities.get(i).toString() + "\":").getBytes(
          StandardCharsets.UTF_8));
      bytes.writeBytes(arrays.get(i));
    }
    bytes.write('}');
    return bytes.toByteArray();
  }

  private static void writeItems(JsonGenerator out, List<HistoryItem> items, boolean minimal,
      Map<ObjectNode, SerializedString> encoded, MillisText times) throws IOException {
    out.writeStartArray();
    for (HistoryItem item : items) {
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

  private static void writeItem(JsonGenerator out, HistoryItem item,
      Map<ObjectNode, SerializedString> encoded, MillisText times) throws IOException {
    out.writeStartObject();
    out.writeStringField("state", item.state());
    if (item.attributes() != null) {
      out.writeFieldName("attributes");
      out.writeRawValue(encoded.computeIfAbsent(item.attributes(),
          attributes -> new SerializedString(Json.write(attributes))));
    }
    String changed = times.format(item.lastChanged());
    out.writeStringField("last_changed", changed);
    out.writeStringField("last_updated", item.lastUpdated() == item.lastChanged() ? changed
        : times.format(item.lastUpdated()));
    if (item.contextId() != null) {
      out.writeStringField("context_id", item.contextId());
    }
    out.writeEndObject();
  }

  /** {@code {"<entity_id>": [{start, end, mean, min, max, count, change?, sum?, partial?}]}}. */
  public static void writeStatistics(JsonGenerator out,
      Map<EntityId, List<StatisticsRow>> statistics) throws IOException {
    // Shortest round-trip digits (Schubfach) instead of Double.toString: three numbers a row.
    out.enable(StreamWriteFeature.USE_FAST_DOUBLE_WRITER.mappedFeature());
    MillisText times = new MillisText();
    out.writeStartObject();
    for (Map.Entry<EntityId, List<StatisticsRow>> entry : statistics.entrySet()) {
      out.writeArrayFieldStart(entry.getKey().toString());
      for (StatisticsRow row : entry.getValue()) {
        out.writeStartObject();
        out.writeStringField("start", times.format(row.start()));
        out.writeStringField("end", times.format(row.end()));
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
}
