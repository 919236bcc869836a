package io.pma.automation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.EntityId;
import java.time.Duration;
import java.util.List;

/** One step of a rule's run. Steps run in order; a failing step ends the run with an error. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(Action.Command.class), @JsonSubTypes.Type(Action.Notify.class),
    @JsonSubTypes.Type(Action.Delay.class), @JsonSubTypes.Type(Action.WaitForState.class),
    @JsonSubTypes.Type(Action.FireEvent.class), @JsonSubTypes.Type(Action.Choose.class)})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Action {

  /** The {@code type} as written in rules: the record's {@link JsonTypeName}. */
  default String kind() {
    return TypeNames.of(this);
  }

  /** An entity action, sent to the owning adapter like {@code POST .../entities/{id}/action}. */
  @JsonTypeName("entity_action")
  @JsonPropertyOrder({"entity_id", "action", "parameters"})
  record Command(EntityId entityId, String action, ObjectNode parameters) implements Action {}

  /** Publishes a {@code notification} (to everyone, or to one user). */
  @JsonTypeName("notify")
  @JsonPropertyOrder({"title", "message", "level", "user_id"})
  record Notify(String title, String message, String level, String userId) implements Action {}

  /** Waits a fixed time. */
  @JsonTypeName("delay")
  record Delay(@JsonSerialize(using = DurationText.Serializer.class) Duration delay)
      implements Action {}

  /**
   * Waits until the entity's state (or attribute) is one of {@code state}, at most {@code timeout};
   * on timeout the run goes on when {@code continueOnTimeout}, else it ends with an error.
   */
  @JsonTypeName("wait_for_state")
  @JsonPropertyOrder({"entity_id", "attribute", "state", "timeout", "continue_on_timeout"})
  record WaitForState(EntityId entityId, String attribute, StateMatch state,
      @JsonSerialize(using = DurationText.Serializer.class) Duration timeout,
      boolean continueOnTimeout) implements Action {}

  /** Publishes an {@code ha_event} with origin {@code pma} (event triggers see it too). */
  @JsonTypeName("fire_event")
  @JsonPropertyOrder({"event_type", "data"})
  record FireEvent(String eventType, ObjectNode data) implements Action {}

  /** Runs the actions of the first choice whose conditions all hold, else {@code default}. */
  @JsonTypeName("choose")
  @JsonPropertyOrder({"choices", "default"})
  record Choose(List<Choice> choices, @JsonProperty("default") List<Action> otherwise)
      implements Action {}

  /** One branch of {@link Choose}. */
  @JsonPropertyOrder({"conditions", "actions"})
  record Choice(List<Condition> conditions, List<Action> actions) {}
}
