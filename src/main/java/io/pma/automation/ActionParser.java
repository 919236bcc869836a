package io.pma.automation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.EntityId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads actions from rule JSON, reporting every invalid field under its path. */
final class ActionParser {
  static final List<String> TYPES = List.of("entity_action", "notify", "delay", "wait_for_state",
      "fire_event", "choose");
  static final List<String> LEVELS = List.of("info", "success", "warning", "error");
  /** The same rule as {@code POST /api/v1/entities/{id}/action}. */
  private static final Pattern ACTION_NAME = Pattern.compile("[a-z_]{1,64}");
  private static final Pattern EVENT_TYPE = Pattern.compile("[a-z0-9_]{1,64}");
  private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  static final Duration MAX_WAIT = Duration.ofDays(1);
  /** The limits of notifications everywhere in PMA. */
  static final int MAX_TITLE = 200;
  static final int MAX_MESSAGE = 2000;

  private ActionParser() {}

  static List<Action> parseList(List<JsonNode> nodes, String path, int depth,
      List<FieldError> errors) {
    return TypedParts.parseList(nodes, path, TYPES, errors, (type, f) -> read(type, f, depth));
  }

  private static Action read(String type, Fields f, int depth) {
    switch (type) {
      case "entity_action": return command(f);
      case "notify": return notify(f);
      case "delay": return delay(f);
      case "wait_for_state": return waitForState(f);
      case "fire_event": return fireEvent(f);
      default: return choose(f, depth);
    }
  }

  private static Action command(Fields f) {
    f.onlyAllowed(Set.of("type", "entity_id", "action", "parameters"));
    EntityId entity = f.entityId("entity_id");
    String action = f.matching("action", true, ACTION_NAME,
        "a lower-case action name such as turn_on");
    ObjectNode parameters = f.object("parameters");
    return new Action.Command(entity, action, parameters);
  }

  private static Action notify(Fields f) {
    f.onlyAllowed(Set.of("type", "title", "message", "level", "user_id"));
    String title = f.text("title", false, MAX_TITLE);
    String message = f.text("message", true, MAX_MESSAGE);
    String level = f.text("level", false, 16);
    if (level != null && !LEVELS.contains(level)) {
      f.error("level", "must be one of " + String.join(", ", LEVELS));
    }
    String userId = f.matching("user_id", false, USER_ID, "a user id");
    return new Action.Notify(title == null ? "" : title, message,
        level == null ? "info" : level, userId);
  }

  private static Action delay(Fields f) {
    f.onlyAllowed(Set.of("type", "delay"));
    return new Action.Delay(f.duration("delay", true, Duration.ZERO, MAX_WAIT));
  }

  private static Action waitForState(Fields f) {
    f.onlyAllowed(Set.of("type", "entity_id", "attribute", "state", "timeout",
        "continue_on_timeout"));
    EntityId entity = f.entityId("entity_id");
    String attribute = f.text("attribute", false, Fields.MAX_TEXT);
    StateMatch state = f.states("state", true);
    Duration timeout = f.duration("timeout", true, Duration.ofMillis(1), MAX_WAIT);
    boolean goOn = f.bool("continue_on_timeout", false);
    return new Action.WaitForState(entity, attribute, state, timeout, goOn);
  }

  private static Action fireEvent(Fields f) {
    f.onlyAllowed(Set.of("type", "event_type", "data"));
    String eventType = f.matching("event_type", true, EVENT_TYPE,
        "an event type of lower-case letters, digits and '_'");
    return new Action.FireEvent(eventType, f.object("data"));
  }

  private static Action choose(Fields f, int depth) {
    f.onlyAllowed(Set.of("type", "choices", "default"));
    if (depth >= ConditionParser.MAX_DEPTH) {
      f.error("choices", "nests deeper than " + ConditionParser.MAX_DEPTH + " levels");
      return null;
    }
    List<JsonNode> items = f.list("choices", 1);
    List<Action.Choice> choices = items == null ? new ArrayList<>()
        : TypedParts.parseList(items, f.at("choices"),
            (node, at) -> choice(node, at, depth, f.errors()));
    List<JsonNode> otherwise = f.has("default") ? f.list("default", 0) : null;
    List<Action> fallback = otherwise == null ? null
        : parseList(otherwise, f.at("default"), depth + 1, f.errors());
    return new Action.Choose(choices, fallback);
  }

  private static Action.Choice choice(JsonNode node, String path, int depth,
      List<FieldError> errors) {
    Fields f = Fields.of(node, path, errors);
    if (f == null) {
      return null;
    }
    f.onlyAllowed(Set.of("conditions", "actions"));
    List<JsonNode> conditions = f.list("conditions", 1);
    List<JsonNode> actions = f.list("actions", 1);
    if (conditions == null || actions == null) {
      return null;
    }
    return new Action.Choice(
        ConditionParser.parseList(conditions, f.at("conditions"), depth + 1, errors),
        parseList(actions, f.at("actions"), depth + 1, errors));
  }
}
