package io.pma.automation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.pma.domain.EntityId;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

/** A test that must hold for a run to start (or for a {@code choose} branch to be taken). */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(Condition.State.class),
    @JsonSubTypes.Type(Condition.Numeric.class), @JsonSubTypes.Type(Condition.Time.class),
    @JsonSubTypes.Type(Condition.And.class), @JsonSubTypes.Type(Condition.Or.class),
    @JsonSubTypes.Type(Condition.Not.class)})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Condition {

  /** The entity's state (or attribute) is one of {@code state}, optionally for at least a while. */
  @JsonTypeName("state")
  @JsonPropertyOrder({"entity_id", "attribute", "state", "for"})
  record State(EntityId entityId, String attribute, StateMatch state,
      @JsonProperty("for") @JsonSerialize(using = DurationText.Serializer.class)
      Duration holdFor) implements Condition {}

  /** The entity's numeric state (or attribute) lies above and/or below the limits. */
  @JsonTypeName("numeric")
  @JsonPropertyOrder({"entity_id", "attribute", "above", "below"})
  record Numeric(EntityId entityId, String attribute, Double above, Double below)
      implements Condition {}

  /**
   * The local time lies in {@code [after, before)} (wrapping past midnight when after > before)
   * and today is one of {@code weekdays}; each part is optional.
   */
  @JsonTypeName("time")
  @JsonPropertyOrder({"after", "before", "weekdays"})
  record Time(@JsonSerialize(using = ToStringSerializer.class) LocalTime after,
      @JsonSerialize(using = ToStringSerializer.class) LocalTime before,
      List<Weekday> weekdays) implements Condition {}

  /** All of the conditions hold. */
  @JsonTypeName("and")
  record And(List<Condition> conditions) implements Condition {}

  /** At least one of the conditions holds. */
  @JsonTypeName("or")
  record Or(List<Condition> conditions) implements Condition {}

  /** None of the conditions holds. */
  @JsonTypeName("not")
  record Not(List<Condition> conditions) implements Condition {}
}
