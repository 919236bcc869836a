package io.pma.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * The one list of client message types, each with the decoder that checks its {@code data} shape.
 * Adding a message type means adding a line here and a record in {@link ClientMessage}.
 */
public enum ClientMessageType {
  AUTHENTICATE("authenticate", (data, requestId) ->
      new ClientMessage.Authenticate(data.requiredString("token"), requestId)),
  SUBSCRIBE("subscribe", (data, requestId) ->
      new ClientMessage.Subscribe(data.requiredStrings("topics"),
          data.optionalBoolean("include_attributes", true), data.optionalBoolean("snapshot", false),
          data.optionalBoolean("compact", false), data.optionalHistory("history"), requestId)),
  UNSUBSCRIBE("unsubscribe", (data, requestId) ->
      new ClientMessage.Unsubscribe(data.requiredStrings("topics"), requestId)),
  SUBSCRIBE_ENTITY_UPDATES("subscribe_entity_updates", (data, requestId) ->
      new ClientMessage.SubscribeEntityUpdates(data.optionalStrings("entity_ids"),
          data.optionalBoolean("include_attributes", true), data.optionalBoolean("snapshot", false),
          data.optionalBoolean("compact", false), data.optionalHistory("history"), requestId)),
  SUBSCRIBE_HA_EVENTS("subscribe_ha_events", (data, requestId) ->
      new ClientMessage.SubscribeHaEvents(data.optionalStrings("event_types"),
          new LinkedHashSet<>(data.optionalStrings("domains")), requestId)),
  SUBSCRIBE_SYSTEM_EVENTS("subscribe_system_events", (data, requestId) ->
      new ClientMessage.SubscribeSystemEvents(data.optionalStrings("events"), requestId)),
  RESUME("resume", (data, requestId) ->
      new ClientMessage.Resume(data.requiredSeq("last_seq"), requestId)),
  PING("ping", (data, requestId) -> new ClientMessage.Ping(requestId));

  /** One type's decoder: its {@code data} read into the typed message. */
  @FunctionalInterface
  interface Decoder {
    ClientMessage decode(DataReader data, JsonNode requestId);
  }

  private final String wireName;
  private final Decoder decoder;

  ClientMessageType(String wireName, Decoder decoder) {
    this.wireName = wireName;
    this.decoder = decoder;
  }

  public String wireName() {
    return wireName;
  }

  /** Builds the typed message; throws {@link DataReader.ShapeException} on a wrong shape. */
  ClientMessage decode(DataReader data, JsonNode requestId) {
    return decoder.decode(data, requestId);
  }

  public static Optional<ClientMessageType> fromWireName(String name) {
    for (ClientMessageType type : values()) {
      if (type.wireName.equals(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }

  /** Reads typed fields from a message's {@code data} object (absent data reads as empty). */
  static final class DataReader {
    private static final int MAX_LIST = 1000;
    private final ObjectNode data;

    DataReader(ObjectNode data) {
      this.data = data;
    }

    String requiredString(String field) {
      JsonNode node = data.get(field);
      if (node == null || !node.isTextual()) {
        throw new ShapeException("data." + field + " must be a string");
      }
      return node.asText();
    }

    /** A seq: a whole number from 0 up. */
    long requiredSeq(String field) {
      JsonNode node = data.get(field);
      if (node == null || !node.canConvertToExactIntegral() || !node.canConvertToLong()
          || node.asLong() < 0) {
        throw new ShapeException("data." + field + " must be a whole number >= 0");
      }
      return node.asLong();
    }

    List<String> requiredStrings(String field) {
      if (!data.has(field)) {
        throw new ShapeException("data." + field + " must be a non-empty list of strings");
      }
      List<String> values = optionalStrings(field);
      if (values.isEmpty()) {
        throw new ShapeException("data." + field + " must be a non-empty list of strings");
      }
      return values;
    }

    List<String> optionalStrings(String field) {
      JsonNode node = data.get(field);
      if (node == null || node.isNull()) {
        return List.of();
      }
      if (!node.isArray() || node.size() > MAX_LIST) {
        throw new ShapeException("data." + field + " must be a list of at most " + MAX_LIST
            + " strings");
      }
      String[] values = new String[node.size()];
      for (int i = 0; i < values.length; i++) {
        if (!node.get(i).isTextual()) {
          throw new ShapeException("data." + field + "[" + i + "] must be a string");
        }
        values[i] = node.get(i).asText();
      }
      return List.of(values);
    }

    boolean optionalBoolean(String field, boolean fallback) {
      JsonNode node = data.get(field);
      if (node == null || node.isNull()) {
        return fallback;
      }
      if (!node.isBoolean()) {
        throw new ShapeException("data." + field + " must be true or false");
      }
      return node.asBoolean();
    }

    /** The {@code history} option: absent = null; else an object with an RFC 3339 start. */
    ClientMessage.HistoryOption optionalHistory(String field) {
      JsonNode node = data.get(field);
      if (node == null || node.isNull()) {
        return null;
      }
      if (!(node instanceof ObjectNode option)) {
        throw new ShapeException("data." + field + " must be an object");
      }
      DataReader reader = new DataReader(option);
      Instant start = null;
      JsonNode startNode = option.get("start");
      if (startNode != null && !startNode.isNull()) {
        if (!startNode.isTextual()) {
          throw new ShapeException("data." + field + ".start must be an RFC 3339 time");
        }
        try {
          start = OffsetDateTime.parse(startNode.asText()).toInstant();
        } catch (DateTimeParseException e) {
          throw new ShapeException("data." + field + ".start must be an RFC 3339 time");
        }
      }
      boolean minimal;
      try {
        minimal = reader.optionalBoolean("minimal", false);
      } catch (ShapeException e) {
        throw new ShapeException("data." + field + ".minimal must be true or false");
      }
      return new ClientMessage.HistoryOption(start, minimal);
    }

    /** A field of the wrong type; the message names the field. */
    static final class ShapeException extends RuntimeException {
      ShapeException(String message) {
        super(message, null, false, false);
      }
    }
  }
}
