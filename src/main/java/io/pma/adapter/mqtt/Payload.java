package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.pma.domain.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * One received message body, decoded at most once: several entities often read the same topic
 * (a zigbee2mqtt device publishes one JSON object for its light, sensors and attributes), so the
 * text and the parsed JSON are computed lazily and shared by every binding of that message.
 * Used on the adapter's event loop only.
 */
final class Payload {
  private final byte[] bytes;
  private String text;
  private JsonNode json;
  private String jsonError;
  private Object plain;
  private boolean plainDone;

  Payload(byte[] bytes) {
    this.bytes = bytes;
  }

  static Payload of(String text) {
    return new Payload(text.getBytes(StandardCharsets.UTF_8));
  }

  boolean isEmpty() {
    return bytes.length == 0;
  }

  String text() {
    if (text == null) {
      text = new String(bytes, StandardCharsets.UTF_8);
    }
    return text;
  }

  /** The body as JSON ({@code value_json}); fails when the body is not JSON. */
  JsonNode json() throws MalformedPayloadException {
    if (json == null && jsonError == null) {
      try {
        JsonNode parsed = bytes.length == 0 ? null : Json.MAPPER.readTree(bytes);
        if (parsed == null || parsed.isMissingNode()) {
          jsonError = "payload is empty, expected JSON";
        } else {
          json = parsed;
        }
      } catch (IOException e) {
        jsonError = "payload is not JSON";
      }
    }
    if (jsonError != null) {
      throw new MalformedPayloadException(jsonError);
    }
    return json;
  }

  /**
   * The body as plain Java values (maps, lists, strings, numbers, booleans) for the full template
   * engine, or null when the body is not JSON (then {@code value_json} is undefined, as in Home
   * Assistant). Converted at most once.
   */
  Object plainJson() {
    if (plain == null && !plainDone) {
      plainDone = true;
      try {
        plain = Json.MAPPER.treeToValue(json(), Object.class);
      } catch (MalformedPayloadException | IOException e) {
        plain = null;
      }
    }
    return plain;
  }

  /** The variables a value template can read: {@code value} and {@code value_json}. */
  JsonNode variable(String name) throws MalformedPayloadException {
    return "value_json".equals(name) ? json() : JsonNodeFactory.instance.textNode(text());
  }

  /** The body for a log line: at most 120 characters. */
  String preview() {
    String body = text();
    return body.length() <= 120 ? body : body.substring(0, 117) + "...";
  }
}
