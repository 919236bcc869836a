package io.pma.auth;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a signed token's claims strictly. A claim that is missing when required, of the wrong JSON
 * type or out of range makes the token invalid ({@link AuthenticationException}, a 401), never an
 * unexpected error: a correctly signed token can still carry anything (an old secret leaked, a
 * token minted by a tool). Stateless.
 */
final class TokenClaims {
  /** 9999-12-31T23:59:59Z: later timestamps are not dates a token can mean. */
  private static final long MAX_EPOCH_SECOND = 253_402_300_799L;
  private static final int MAX_LIST = 1000;

  private final JsonObject json;

  TokenClaims(JsonObject json) {
    this.json = json;
  }

  String requiredText(String name) {
    String text = optionalText(name);
    if (text == null || text.isEmpty()) {
      throw invalid();
    }
    return text;
  }

  String optionalText(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw invalid();
    }
    return text;
  }

  Instant requiredInstant(String name) {
    Instant instant = optionalInstant(name);
    if (instant == null) {
      throw invalid();
    }
    return instant;
  }

  Instant optionalInstant(String name) {
    Long seconds = optionalWhole(name);
    if (seconds == null) {
      return null;
    }
    if (seconds < 0 || seconds > MAX_EPOCH_SECOND) {
      throw invalid();
    }
    return Instant.ofEpochSecond(seconds);
  }

  /** A whole number (JSON integer within 64 bits); fractions, strings and booleans are invalid. */
  Long optionalWhole(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      return null;
    }
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    throw invalid();
  }

  /** A list of strings, or null when absent. */
  List<String> optionalTexts(String name) {
    Object value = json.getValue(name);
    if (value == null) {
      return null;
    }
    if (!(value instanceof JsonArray array) || array.size() > MAX_LIST) {
      throw invalid();
    }
    List<String> texts = new ArrayList<>(array.size());
    for (Object item : array) {
      if (!(item instanceof String text)) {
        throw invalid();
      }
      texts.add(text);
    }
    return texts;
  }

  private static AuthenticationException invalid() {
    return new AuthenticationException("Invalid token");
  }
}
