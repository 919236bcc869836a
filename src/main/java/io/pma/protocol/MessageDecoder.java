package io.pma.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Json;
import java.io.IOException;
import java.util.Locale;

/**
 * The gate every inbound text frame passes, in this order: well-formed JSON → a single object →
 * a known {@code type} → {@code data} of the right shape. What passes is a typed
 * {@link ClientMessage}; what fails is an {@link InvalidMessageException} naming the first problem.
 * Whether the message is allowed is decided by its handler (per topic). Thread-safe.
 */
public final class MessageDecoder {
  // One object per frame: trailing content ("{..}{..}") is an error, not silently ignored.
  private static final ObjectReader READER =
      Json.MAPPER.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  public ClientMessage decode(byte[] frame) {
    ObjectNode message = parseObject(frame);
    JsonNode requestId = requestId(message);
    JsonNode typeNode = message.get("type");
    if (typeNode == null || !typeNode.isTextual() || typeNode.asText().isEmpty()) {
      throw new InvalidMessageException(ErrorReason.MISSING_TYPE,
          "every message needs a string field 'type'", requestId);
    }
    String typeName = typeNode.asText();
    ClientMessageType type = ClientMessageType.fromWireName(typeName).orElseThrow(() ->
        new InvalidMessageException(ErrorReason.UNKNOWN_TYPE,
            "unknown message type '" + abbreviate(typeName) + "'", requestId));
    JsonNode data = message.get("data");
    if (data != null && !data.isNull() && !data.isObject()) {
      throw new InvalidMessageException(ErrorReason.INVALID_DATA,
          "data must be a JSON object", requestId);
    }
    ObjectNode dataObject = data instanceof ObjectNode object ? object : Json.object();
    try {
      return type.decode(new ClientMessageType.DataReader(dataObject), requestId);
    } catch (ClientMessageType.DataReader.ShapeException e) {
      throw new InvalidMessageException(ErrorReason.INVALID_DATA, e.getMessage(), requestId);
    }
  }

  private static ObjectNode parseObject(byte[] frame) {
    JsonNode node;
    try {
      node = READER.readTree(frame);
    } catch (JsonProcessingException e) {
      throw new InvalidMessageException(ErrorReason.INVALID_JSON,
          e.getOriginalMessage().lines().findFirst().orElse("not JSON"), null);
    } catch (IOException e) {
      throw new InvalidMessageException(ErrorReason.INVALID_JSON, "not JSON", null);
    }
    if (node == null || node.isMissingNode()) {
      throw new InvalidMessageException(ErrorReason.INVALID_JSON, "empty message", null);
    }
    if (node.isArray()) {
      throw new InvalidMessageException(ErrorReason.NOT_AN_OBJECT,
          "arrays are not accepted: send one JSON object per frame", null);
    }
    if (!node.isObject()) {
      throw new InvalidMessageException(ErrorReason.NOT_AN_OBJECT,
          "got a JSON " + node.getNodeType().name().toLowerCase(Locale.ROOT), null);
    }
    return (ObjectNode) node;
  }

  /** The request id to echo: strings and numbers only (anything else is not echoed). */
  private static JsonNode requestId(ObjectNode message) {
    JsonNode id = message.get("request_id");
    return id != null && (id.isTextual() || id.isNumber()) ? id : null;
  }

  private static String abbreviate(String text) {
    return text.length() <= 64 ? text : text.substring(0, 64) + "…";
  }
}
