package io.pma.adapter.homeassistant;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Json;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fake's state machine, with Home Assistant's rules: a write that changes neither state nor
 * attributes changes nothing (no event); {@code last_changed} moves only when the state does;
 * {@code last_updated} on every change. State objects have HA's shape
 * {@code {entity_id, state, attributes, last_changed, last_reported, last_updated, context}} and
 * HA's timestamp format (microseconds, {@code +00:00}). Guarded by the fake server's lock.
 */
final class FakeStates {
  private static final DateTimeFormatter HA_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

  private final Map<String, ObjectNode> states = new LinkedHashMap<>();
  private Instant lastTick = Instant.EPOCH;

  /** A state_changed's data ({@code entity_id, old_state, new_state}), or null when nothing changed. */
  ObjectNode set(String entityId, String state, ObjectNode attributes) {
    ObjectNode old = states.get(entityId);
    ObjectNode attrs = attributes == null ? Json.object() : attributes.deepCopy();
    if (old != null && old.get("state").asText().equals(state) && old.get("attributes").equals(attrs)) {
      return null;
    }
    String now = format(tick());
    ObjectNode next = Json.object();
    next.put("entity_id", entityId);
    next.put("state", state);
    next.set("attributes", attrs);
    boolean stateChanged = old == null || !old.get("state").asText().equals(state);
    next.put("last_changed", stateChanged ? now : old.get("last_changed").asText());
    next.put("last_reported", now);
    next.put("last_updated", now);
    next.set("context", context());
    states.put(entityId, next);
    return change(entityId, old, next);
  }

  /** The state_changed data of a removal ({@code new_state: null}), or null when absent. */
  ObjectNode remove(String entityId) {
    ObjectNode old = states.remove(entityId);
    return old == null ? null : change(entityId, old, null);
  }

  ObjectNode get(String entityId) {
    return states.get(entityId);
  }

  List<ObjectNode> all() {
    List<ObjectNode> copies = new ArrayList<>();
    states.values().forEach(s -> copies.add(s.deepCopy()));
    return copies;
  }

  String now() {
    return format(tick());
  }

  static ObjectNode context() {
    ObjectNode context = Json.object();
    context.put("id", UUID.randomUUID().toString().replace("-", "").substring(0, 26).toUpperCase());
    context.putNull("parent_id");
    context.putNull("user_id");
    return context;
  }

  private static ObjectNode change(String entityId, ObjectNode old, ObjectNode next) {
    ObjectNode data = Json.object();
    data.put("entity_id", entityId);
    data.set("old_state", old == null ? null : old.deepCopy()); // null becomes JSON null
    data.set("new_state", next == null ? null : next.deepCopy());
    return data;
  }

  /** Strictly increasing times, so every version of an entity has its own last_updated. */
  private Instant tick() {
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    lastTick = now.isAfter(lastTick) ? now : lastTick.plus(1, ChronoUnit.MICROS);
    return lastTick;
  }

  private static String format(Instant instant) {
    return HA_TIME.format(instant);
  }
}
