package io.pma.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads triggers from rule JSON, reporting every invalid field under its path. */
final class TriggerParser {
  static final List<String> TYPES =
      List.of("state", "numeric", "time", "cron", "interval", "event", "manual");
  static final Pattern EVENT_TYPE_GLOB = Pattern.compile("[a-z0-9_*]{1,64}");
  static final Duration MAX_FOR = Duration.ofDays(7);

  private TriggerParser() {}

  /** The triggers of the list at {@code path}; an invalid one is null (the errors are recorded). */
  static List<Trigger> parseList(List<JsonNode> nodes, String path, List<FieldError> errors) {
    return TypedParts.parseList(nodes, path, TYPES, errors, TriggerParser::read);
  }

  private static Trigger read(String type, Fields f) {
    switch (type) {
      case "state": return state(f);
      case "numeric": return numeric(f);
      case "time": return time(f);
      case "cron": return cron(f);
      case "interval": return interval(f);
      case "event": return event(f);
      default:
        f.onlyAllowed(Set.of("type"));
        return new Trigger.Manual();
    }
  }

  private static Trigger state(Fields f) {
    f.onlyAllowed(Set.of("type", "entity_id", "attribute", "from", "to", "for"));
    String entity = f.entityGlob("entity_id");
    String attribute = f.text("attribute", false, Fields.MAX_TEXT);
    StateMatch from = f.states("from", false);
    StateMatch to = f.states("to", false);
    Duration holdFor = f.duration("for", false, Duration.ZERO, MAX_FOR);
    return new Trigger.State(entity, attribute, from, to, holdFor);
  }

  private static Trigger numeric(Fields f) {
    f.onlyAllowed(Set.of("type", "entity_id", "attribute", "above", "below", "for"));
    String entity = f.entityGlob("entity_id");
    String attribute = f.text("attribute", false, Fields.MAX_TEXT);
    Double above = f.number("above");
    Double below = f.number("below");
    checkRange(f, above, below);
    Duration holdFor = f.duration("for", false, Duration.ZERO, MAX_FOR);
    return new Trigger.Numeric(entity, attribute, above, below, holdFor);
  }

  /** Shared with numeric conditions: at least one limit, and a non-empty range. */
  static void checkRange(Fields f, Double above, Double below) {
    if (!f.has("above") && !f.has("below")) {
      f.error("above", "or 'below' is required");
    } else if (above != null && below != null && above >= below) {
      f.error("below", "must be greater than 'above'");
    }
  }

  private static Trigger time(Fields f) {
    f.onlyAllowed(Set.of("type", "at"));
    LocalTime at = f.timeOfDay("at", true);
    return new Trigger.Time(at);
  }

  private static Trigger cron(Fields f) {
    f.onlyAllowed(Set.of("type", "cron"));
    String text = f.text("cron", true, 120);
    if (text == null) {
      return null;
    }
    try {
      return new Trigger.Cron(CronExpression.parse(text));
    } catch (IllegalArgumentException e) {
      f.error("cron", e.getMessage());
      return null;
    }
  }

  private static Trigger interval(Fields f) {
    f.onlyAllowed(Set.of("type", "every"));
    Duration every = f.duration("every", true, Duration.ofSeconds(1), Duration.ofDays(31));
    return new Trigger.Interval(every);
  }

  private static Trigger event(Fields f) {
    f.onlyAllowed(Set.of("type", "event_type", "data"));
    String eventType = f.matching("event_type", true, EVENT_TYPE_GLOB,
        "an event type or glob of lower-case letters, digits, '_' and '*'");
    ObjectNode data = f.object("data");
    return new Trigger.Event(eventType, data);
  }
}
