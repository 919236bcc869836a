package io.pma.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.EntityCustomization;
import java.util.Iterator;
import java.util.Set;

/**
 * The body of {@code PATCH /api/v1/entities/{id}}, validated: for each of {@code name, area, icon,
 * hidden} either absent (kept), {@code null} (reset to the owner's value) or a new value.
 */
record EntityPatch(Change<String> name, Change<String> area, Change<String> icon,
    Change<Boolean> hidden) {
  static final int MAX_NAME = 255;
  static final int MAX_ICON = 64;
  private static final Set<String> FIELDS = Set.of("name", "area", "icon", "hidden");

  /** A field that is present: its new value, null meaning "reset". */
  record Change<T>(T value) {}

  static EntityPatch parse(ObjectNode body) {
    for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
      String field = names.next();
      if (!FIELDS.contains(field)) {
        throw ApiException.unprocessable("unknown field '" + field
            + "'; an entity's name, area, icon and hidden can be changed");
      }
    }
    if (body.isEmpty()) {
      throw ApiException.unprocessable("nothing to change: send name, area, icon or hidden");
    }
    return new EntityPatch(label(body, "name", MAX_NAME), label(body, "area", MAX_NAME),
        label(body, "icon", MAX_ICON), hidden(body));
  }

  EntityCustomization applyTo(EntityCustomization current) {
    return new EntityCustomization(
        name == null ? current.name() : name.value(),
        area == null ? current.area() : area.value(),
        icon == null ? current.icon() : icon.value(),
        hidden == null ? current.hidden() : hidden.value());
  }

  private static Change<String> label(ObjectNode body, String field, int maxLength) {
    if (!body.has(field)) {
      return null;
    }
    JsonNode value = body.get(field);
    if (value.isNull()) {
      return new Change<>(null);
    }
    if (!value.isTextual()) {
      throw ApiException.unprocessable("'" + field + "' must be a string or null");
    }
    String text = value.asText().strip();
    if (text.isEmpty() || text.length() > maxLength) {
      throw ApiException.unprocessable("'" + field + "' must have 1 to " + maxLength
          + " characters (null resets it)");
    }
    if (text.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.unprocessable("'" + field + "' must not contain control characters");
    }
    return new Change<>(text);
  }

  private static Change<Boolean> hidden(ObjectNode body) {
    if (!body.has("hidden")) {
      return null;
    }
    JsonNode value = body.get("hidden");
    if (value.isNull()) {
      return new Change<>(null);
    }
    if (!value.isBoolean()) {
      throw ApiException.unprocessable("'hidden' must be true, false or null");
    }
    return new Change<>(value.booleanValue());
  }
}
