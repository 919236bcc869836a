package io.pma.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Generators of hostile input from one {@link Random}: JSON of every shape (wrong types, deep
 * nesting, huge numbers, odd unicode, broken syntax), protocol-shaped messages with mutated
 * fields, and raw bytes.
 */
final class FuzzInputs {
  private static final List<String> NUMBERS = List.of("0", "-0", "-1", "1.5", "1e18", "1e308",
      "1e309", "-1e-400", "9223372036854775807", "9223372036854775808",
      "123456789012345678901234567890123456789012345678901234567890", "0.000000000000000000001",
      "1E400000000", "-9223372036854775809");
  private static final List<String> STRINGS = List.of("", " ", "\u0000", "\\u0000", "\uD800",
      "\uDFFF", "\uFEFF", "😀", "é", "\u202E", "' OR 1=1 --", "../../etc/passwd", "%00", "%s%n",
      "<script>alert(1)</script>", "null", "true", "entity_updates", "light.kitchen", "*", "**",
      "entity_updates:*", "ha_events:*", "system_events", "notifications", "admin", "a.b.c",
      "\r\n", "\t");
  private static final List<String> MESSAGE_TYPES = List.of("authenticate", "subscribe",
      "unsubscribe", "subscribe_entity_updates", "subscribe_ha_events", "subscribe_system_events",
      "resume", "ping", "pong", "auth", "Subscribe", "");
  private static final List<String> FIELDS = List.of("token", "topics", "include_attributes",
      "snapshot", "entity_ids", "event_types", "domains", "events", "last_seq", "username",
      "password", "roles", "disabled", "state", "attributes", "name", "days", "title", "message",
      "level", "user_id", "action", "service", "data", "triggers", "conditions", "actions", "mode",
      "id", "type", "__proto__", "");

  private final Random random;

  FuzzInputs(Random random) {
    this.random = random;
  }

  <T> T pick(List<T> items) {
    return items.get(random.nextInt(items.size()));
  }

  /** A JSON document, or something close to one. */
  String json() {
    int kind = random.nextInt(10);
    if (kind == 0) {
      return broken(value(3));
    }
    if (kind == 1) {
      return deep(1 + random.nextInt(random.nextBoolean() ? 50 : 5000));
    }
    if (kind == 2) {
      return text(random.nextInt(40));
    }
    return value(4);
  }

  /** A message in the shape of the protocol's, with any field possibly wrong. */
  String message() {
    StringBuilder out = new StringBuilder("{");
    out.append("\"type\":").append(random.nextInt(8) == 0 ? value(1) : quote(pick(MESSAGE_TYPES)));
    if (random.nextBoolean()) {
      out.append(",\"request_id\":").append(value(1));
    }
    if (random.nextInt(4) != 0) {
      out.append(",\"data\":").append(random.nextInt(6) == 0 ? value(2) : object(3));
    }
    return out.append('}').toString();
  }

  /** A JSON object whose keys are mostly the project's field names. */
  String object(int depth) {
    StringBuilder out = new StringBuilder("{");
    int fields = random.nextInt(5);
    for (int i = 0; i < fields; i++) {
      if (i > 0) {
        out.append(',');
      }
      String key = random.nextInt(5) == 0 ? string() : pick(FIELDS);
      out.append(quote(key)).append(':').append(value(depth - 1));
    }
    return out.append('}').toString();
  }

  String value(int depth) {
    int kind = random.nextInt(depth <= 0 ? 5 : 8);
    switch (kind) {
      case 0:
        return pick(NUMBERS);
      case 1:
        return quote(string());
      case 2:
        return random.nextBoolean() ? "true" : "false";
      case 3:
        return "null";
      case 4:
        return Long.toString(random.nextLong());
      case 5:
      case 6: {
        StringBuilder out = new StringBuilder("[");
        int items = random.nextInt(6);
        for (int i = 0; i < items; i++) {
          out.append(i > 0 ? "," : "").append(random.nextInt(3) == 0 ? quote(pick(STRINGS))
              : value(depth - 1));
        }
        return out.append(']').toString();
      }
      default:
        return object(depth);
    }
  }

  String string() {
    return random.nextInt(3) == 0 ? text(random.nextInt(random.nextInt(20) == 0 ? 5000 : 30))
        : pick(STRINGS);
  }

  /** Any UTF-16 text: ASCII, control characters, other planes, lone surrogates. */
  String text(int length) {
    StringBuilder out = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      int kind = random.nextInt(6);
      if (kind < 3) {
        out.append((char) (32 + random.nextInt(95)));
      } else if (kind == 3) {
        out.append((char) random.nextInt(32));
      } else if (kind == 4) {
        out.appendCodePoint(random.nextInt(0x110000));
      } else {
        out.append((char) random.nextInt(0x10000));
      }
    }
    return out.toString();
  }

  byte[] bytes(int max) {
    byte[] bytes = new byte[random.nextInt(max + 1)];
    random.nextBytes(bytes);
    return bytes;
  }

  byte[] utf8(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private String deep(int depth) {
    String open = random.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    return open.repeat(depth) + "1" + close.repeat(random.nextInt(4) == 0 ? depth / 2 : depth);
  }

  private String broken(String json) {
    if (json.isEmpty()) {
      return "{";
    }
    int at = random.nextInt(json.length());
    switch (random.nextInt(3)) {
      case 0:
        return json.substring(0, at);
      case 1:
        return json.substring(0, at) + (char) random.nextInt(128) + json.substring(at);
      default:
        return json.substring(0, at) + json.substring(Math.min(json.length(), at + 1));
    }
  }

  static String quote(String text) {
    StringBuilder out = new StringBuilder("\"");
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\').append(c);
      } else if (c < 32) {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
