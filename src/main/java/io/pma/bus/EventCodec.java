package io.pma.bus;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.pma.domain.Context;
import io.pma.domain.Entity;
import io.pma.domain.Json;
import io.pma.domain.PmaEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns events into text for a broker that ships them between nodes, and back. The JSON is the
 * project's own mapping (what clients see); the type travels beside it as the record's simple name,
 * looked up among the permitted subclasses of the sealed {@link PmaEvent}, so a new event record
 * needs no registration here. Thread-safe.
 */
public final class EventCodec {
  private static final Map<String, ObjectReader> READERS = readers();
  private static final ObjectReader ENTITY = tolerant(Entity.class);
  private static final ObjectReader CONTEXT = tolerant(Context.class);

  private EventCodec() {}

  /** The type tag of an event, e.g. {@code EntityStateChanged}. */
  public static String kind(PmaEvent event) {
    return event.getClass().getSimpleName();
  }

  public static String encode(PmaEvent event) {
    return Json.write(event);
  }

  public static String encode(Entity entity) {
    return Json.write(entity);
  }

  /** Reads an event of the given kind; throws {@link IllegalArgumentException} when it cannot. */
  public static PmaEvent decode(String kind, String json) {
    ObjectReader reader = READERS.get(kind);
    if (reader == null) {
      throw new IllegalArgumentException("unknown event kind " + kind);
    }
    try {
      return reader.readValue(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable " + kind + ": " + e.getMessage(), e);
    }
  }

  public static String encode(Context context) {
    return Json.write(context);
  }

  /** Reads a context; throws {@link IllegalArgumentException} when it cannot (or it has no id). */
  public static Context decodeContext(String json) {
    try {
      return CONTEXT.readValue(json);
    } catch (IOException | NullPointerException e) {
      throw new IllegalArgumentException("unreadable context: " + e.getMessage(), e);
    }
  }

  public static Entity decodeEntity(String json) {
    try {
      return ENTITY.readValue(json);
    } catch (IOException e) {
      throw new IllegalArgumentException("unreadable entity: " + e.getMessage(), e);
    }
  }

  private static Map<String, ObjectReader> readers() {
    Map<String, ObjectReader> readers = new HashMap<>();
    for (Class<?> type : eventTypes()) {
      readers.put(type.getSimpleName(), tolerant(type));
    }
    return Map.copyOf(readers);
  }

  /** Every concrete event type: the leaves of {@link PmaEvent}'s sealed hierarchy. */
  static List<Class<?>> eventTypes() {
    List<Class<?>> types = new ArrayList<>();
    addLeaves(PmaEvent.class, types);
    return List.copyOf(types);
  }

  private static void addLeaves(Class<?> type, List<Class<?>> leaves) {
    if (type.isSealed()) {
      for (Class<?> permitted : type.getPermittedSubclasses()) {
        addLeaves(permitted, leaves);
      }
    } else {
      leaves.add(type);
    }
  }

  /** Derived read-only properties (an entity's {@code domain}) are written but not read back. */
  private static ObjectReader tolerant(Class<?> type) {
    return Json.MAPPER.readerFor(type).without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
