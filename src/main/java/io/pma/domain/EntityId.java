package io.pma.domain;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.regex.Pattern;

/** An entity id in Home Assistant's form {@code domain.object_id}: lower-case letters, digits and '_'. */
public record EntityId(String domain, String objectId) {
  private static final Pattern PART = Pattern.compile("[a-z0-9_]+");
  private static final int MAX_LENGTH = 255;

  public EntityId {
    if (!PART.matcher(domain).matches() || !PART.matcher(objectId).matches()) {
      throw new IllegalArgumentException("invalid entity id: " + domain + "." + objectId);
    }
  }

  @JsonCreator
  public static EntityId parse(String text) {
    if (text == null || text.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("invalid entity id: expected domain.object_id");
    }
    int dot = text.indexOf('.');
    if (dot <= 0 || dot != text.lastIndexOf('.') || dot == text.length() - 1) {
      throw new IllegalArgumentException("invalid entity id '" + text + "': expected domain.object_id");
    }
    String domain = text.substring(0, dot);
    String objectId = text.substring(dot + 1);
    if (!PART.matcher(domain).matches() || !PART.matcher(objectId).matches()) {
      throw new IllegalArgumentException(
          "invalid entity id '" + text + "': use lower-case letters, digits and '_'");
    }
    return new EntityId(domain, objectId);
  }

  public static boolean isValid(String text) {
    try {
      parse(text);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  @JsonValue
  @Override
  public String toString() {
    return domain + "." + objectId;
  }
}
