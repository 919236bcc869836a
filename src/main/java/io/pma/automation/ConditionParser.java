package io.pma.automation;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.domain.EntityId;
import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Reads conditions from rule JSON, reporting every invalid field under its path. */
final class ConditionParser {
  static final List<String> TYPES = List.of("state", "numeric", "time", "and", "or", "not");
  /** Nesting of and/or/not and choose is bounded so that evaluation cannot run out of stack. */
  static final int MAX_DEPTH = 8;

  private ConditionParser() {}

  static List<Condition> parseList(List<JsonNode> nodes, String path, int depth,
      List<FieldError> errors) {
    return TypedParts.parseList(nodes, path, TYPES, errors, (type, f) -> read(type, f, depth));
  }

  private static Condition read(String type, Fields f, int depth) {
    switch (type) {
      case "state": return state(f);
      case "numeric": return numeric(f);
      case "time": return time(f);
      default: return group(type, f, depth);
    }
  }

  private static Condition state(Fields f) {
    f.onlyAllowed(Set.of("type", "entity_id", "attribute", "state", "for"));
    EntityId entity = f.entityId("entity_id");
    String attribute = f.text("attribute", false, Fields.MAX_TEXT);
    StateMatch state = f.states("state", true);
    Duration holdFor = f.duration("for", false, Duration.ZERO, TriggerParser.MAX_FOR);
    if (holdFor != null && attribute != null) {
      f.error("for", "cannot be combined with 'attribute' (only a state change is timed)");
    }
    return new Condition.State(entity, attribute, state, holdFor);
  }

  private static Condition numeric(Fields f) {
    f.onlyAllowed(Set.of("type", "entity_id", "attribute", "above", "below"));
    EntityId entity = f.entityId("entity_id");
    String attribute = f.text("attribute", false, Fields.MAX_TEXT);
    Double above = f.number("above");
    Double below = f.number("below");
    TriggerParser.checkRange(f, above, below);
    return new Condition.Numeric(entity, attribute, above, below);
  }

  private static Condition time(Fields f) {
    f.onlyAllowed(Set.of("type", "after", "before", "weekdays"));
    LocalTime after = f.timeOfDay("after", false);
    LocalTime before = f.timeOfDay("before", false);
    List<Weekday> weekdays = f.has("weekdays") ? weekdays(f) : null;
    if (!f.has("after") && !f.has("before") && !f.has("weekdays")) {
      f.error("after", "or 'before' or 'weekdays' is required");
    } else if (after != null && after.equals(before)) {
      f.error("before", "must differ from 'after'");
    }
    return new Condition.Time(after, before, weekdays);
  }

  private static List<Weekday> weekdays(Fields f) {
    List<JsonNode> items = f.list("weekdays", 1);
    if (items == null) {
      return null;
    }
    List<Weekday> days = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      Optional<Weekday> day = items.get(i).isTextual()
          ? Weekday.fromWireName(items.get(i).asText()) : Optional.empty();
      if (day.isEmpty()) {
        f.error("weekdays[" + i + "]", "must be one of mon, tue, wed, thu, fri, sat, sun");
        return null;
      }
      if (!days.contains(day.get())) {
        days.add(day.get());
      }
    }
    return days;
  }

  private static Condition group(String type, Fields f, int depth) {
    f.onlyAllowed(Set.of("type", "conditions"));
    if (depth >= MAX_DEPTH) {
      f.error("conditions", "nests deeper than " + MAX_DEPTH + " levels");
      return null;
    }
    List<JsonNode> items = f.list("conditions", 1);
    if (items == null) {
      return null;
    }
    List<Condition> inner = parseList(items, f.at("conditions"), depth + 1, f.errors());
    switch (type) {
      case "and": return new Condition.And(inner);
      case "or": return new Condition.Or(inner);
      default: return new Condition.Not(inner);
    }
  }
}
