package io.pma.automation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;

/**
 * An automation rule as stored and served. {@code max} is set only for the queued and parallel
 * modes. Immutable.
 */
@JsonPropertyOrder({"id", "name", "description", "enabled", "mode", "max", "triggers",
    "conditions", "actions", "created_at", "updated_at"})
public record Rule(String id, String name, String description, boolean enabled, RunMode mode,
    @JsonInclude(JsonInclude.Include.NON_NULL) Integer max, List<Trigger> triggers,
    List<Condition> conditions, List<Action> actions, Instant createdAt, Instant updatedAt) {

  public Rule {
    triggers = List.copyOf(triggers);
    conditions = List.copyOf(conditions);
    actions = List.copyOf(actions);
  }

  /** How many runs may run (parallel) or run and wait (queued) at once. */
  public int capacity() {
    return max == null ? 1 : max;
  }

  public Rule withEnabled(boolean value, Instant now) {
    return new Rule(id, name, description, value, mode, max, triggers, conditions, actions,
        createdAt, now);
  }

  public Rule withId(String newId) {
    return new Rule(newId, name, description, enabled, mode, max, triggers, conditions, actions,
        createdAt, updatedAt);
  }

  public Rule withTimes(Instant created, Instant updated) {
    return new Rule(id, name, description, enabled, mode, max, triggers, conditions, actions,
        created, updated);
  }
}
