package io.pma.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.pma.domain.Entity;
import io.pma.domain.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;

/**
 * The compact snapshot form (docs/WEBSOCKET.md, "Compact snapshots"): each entity is an array of
 * values in the order of {@link #fields}, named once per message instead of once per entity;
 * {@code domain} is left out (it is the part of {@code entity_id} before the dot) and the two
 * timestamps are epoch milliseconds. Attributes stay an object. Stateless.
 */
public final class CompactEntities {
  private static final List<String> WITH_ATTRIBUTES = List.of("entity_id", "name", "state",
      "attributes", "source", "adapter_id", "area", "available", "last_changed", "last_updated",
      "context_id");
  private static final List<String> WITHOUT_ATTRIBUTES = WITH_ATTRIBUTES.stream()
      .filter(f -> !f.equals("attributes")).toList();

  private CompactEntities() {}

  /** The names of a row's values, in order. */
  public static List<String> fields(boolean withAttributes) {
    return withAttributes ? WITH_ATTRIBUTES : WITHOUT_ATTRIBUTES;
  }

  /** The rows of {@code entities}, joined by commas (no brackets). */
  static byte[] rows(List<Entity> entities, boolean withAttributes) {
    ByteArrayBuilder out = new ByteArrayBuilder(entities.size() * 256);
    try (JsonGenerator json = Json.MAPPER.getFactory().createGenerator(out)) {
      json.writeStartArray();
      for (Entity entity : entities) {
        row(json, entity, withAttributes);
      }
      json.writeEndArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    byte[] array = out.toByteArray();
    return java.util.Arrays.copyOfRange(array, 1, array.length - 1);
  }

  private static void row(JsonGenerator json, Entity entity, boolean withAttributes)
      throws IOException {
    json.writeStartArray();
    json.writeString(entity.entityId().toString());
    json.writeString(entity.name());
    json.writeString(entity.state());
    if (withAttributes) {
      json.writeTree(entity.attributes());
    }
    json.writeString(entity.source());
    json.writeString(entity.adapterId());
    json.writeString(entity.area());
    json.writeBoolean(entity.available());
    millis(json, entity.lastChanged());
    millis(json, entity.lastUpdated());
    json.writeString(entity.contextId());
    json.writeEndArray();
  }

  private static void millis(JsonGenerator json, Instant instant) {
    try {
      if (instant == null) {
        json.writeNull();
      } else {
        json.writeNumber(instant.toEpochMilli());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
