package io.pma.automation;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a rule document (the body of {@code POST}/{@code PUT /api/v1/automations}) into a
 * {@link Rule}, or throws {@link RuleValidationException} listing every invalid field by path.
 */
public final class RuleParser {
  /** Ids are used in topics ({@code automation_events:<id>}), so they follow the topic filter. */
  public static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final Set<String> FIELDS = Set.of("id", "name", "description", "enabled", "mode",
      "max", "triggers", "conditions", "actions", "created_at", "updated_at");

  private RuleParser() {}

  /**
   * Parses a rule. {@code id} may be absent (null in the result: the caller assigns one);
   * {@code created_at}/{@code updated_at} in the document are ignored, the caller sets them.
   */
  public static Rule parse(JsonNode document) {
    List<FieldError> errors = new ArrayList<>();
    Fields f = Fields.of(document, "", errors);
    if (f == null) {
      throw new RuleValidationException(errors);
    }
    f.onlyAllowed(FIELDS);
    String id = f.matching("id", false, ID, "1 to 64 letters, digits, '_' or '-'");
    String name = f.text("name", true, Fields.MAX_TEXT);
    String description = f.text("description", false, 4096);
    boolean enabled = f.bool("enabled", true);
    RunMode mode = mode(f);
    Integer max = max(f, mode);
    List<Trigger> triggers = triggers(f, errors);
    List<JsonNode> conditionNodes = f.list("conditions", 0);
    List<Condition> conditions = conditionNodes == null ? List.of()
        : ConditionParser.parseList(conditionNodes, "conditions", 0, errors);
    List<JsonNode> actionNodes = f.list("actions", 1);
    List<Action> actions = actionNodes == null ? List.of()
        : ActionParser.parseList(actionNodes, "actions", 0, errors);
    if (!errors.isEmpty()) {
      throw new RuleValidationException(errors);
    }
    return new Rule(id, name, description == null ? "" : description, enabled, mode, max,
        triggers, conditions, actions, Instant.EPOCH, Instant.EPOCH);
  }

  private static RunMode mode(Fields f) {
    String text = f.text("mode", false, 16);
    if (text == null) {
      return RunMode.SINGLE;
    }
    return RunMode.fromWireName(text).orElseGet(() -> {
      f.error("mode", "must be one of single, restart, queued, parallel");
      return RunMode.SINGLE;
    });
  }

  private static Integer max(Fields f, RunMode mode) {
    Integer max = f.integer("max", 1, RunMode.MAX_MAX);
    if (f.has("max") && !mode.takesMax()) {
      f.error("max", "applies only to mode queued or parallel");
      return null;
    }
    return mode.takesMax() && max == null ? Integer.valueOf(RunMode.DEFAULT_MAX) : max;
  }

  private static List<Trigger> triggers(Fields f, List<FieldError> errors) {
    List<JsonNode> nodes = f.list("triggers", 1);
    return nodes == null ? new ArrayList<>()
        : TriggerParser.parseList(nodes, "triggers", errors);
  }
}
