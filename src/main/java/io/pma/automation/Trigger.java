package io.pma.automation;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.annotation.JsonTypeName;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import java.time.Duration;
import java.time.LocalTime;

/** What starts a rule. Written as JSON with a {@code type} naming the kind. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({@JsonSubTypes.Type(Trigger.State.class), @JsonSubTypes.Type(Trigger.Numeric.class),
    @JsonSubTypes.Type(Trigger.Time.class), @JsonSubTypes.Type(Trigger.Cron.class),
    @JsonSubTypes.Type(Trigger.Interval.class), @JsonSubTypes.Type(Trigger.Event.class),
    @JsonSubTypes.Type(Trigger.Manual.class)})
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface Trigger {

  /** The {@code type} as written in rules: the record's {@link JsonTypeName}. */
  default String kind() {
    return TypeNames.of(this);
  }

  /**
   * A state (or attribute) of matching entities changes, optionally {@code from}/{@code to} given
   * values, and optionally stays so {@code for} a while. {@code entityId} may be a glob.
   */
  @JsonTypeName("state")
  @JsonPropertyOrder({"entity_id", "attribute", "from", "to", "for"})
  record State(String entityId, String attribute, StateMatch from, StateMatch to,
      @JsonProperty("for") @JsonSerialize(using = DurationText.Serializer.class)
      Duration holdFor) implements Trigger {}

  /** A numeric state or attribute crosses into the range given by {@code above}/{@code below}. */
  @JsonTypeName("numeric")
  @JsonPropertyOrder({"entity_id", "attribute", "above", "below", "for"})
  record Numeric(String entityId, String attribute, Double above, Double below,
      @JsonProperty("for") @JsonSerialize(using = DurationText.Serializer.class)
      Duration holdFor) implements Trigger {}

  /** Every day at a local time of the configured time zone. */
  @JsonTypeName("time")
  record Time(@JsonSerialize(using = ToStringSerializer.class) LocalTime at) implements Trigger {}

  /** On a five-field cron schedule in the configured time zone. */
  @JsonTypeName("cron")
  record Cron(CronExpression cron) implements Trigger {}

  /** Every {@code every}, counted from when the rule was (re)loaded. */
  @JsonTypeName("interval")
  record Interval(@JsonSerialize(using = DurationText.Serializer.class) Duration every)
      implements Trigger {}

  /** An {@code ha_event} whose type matches (glob) and whose data contains {@code data}. */
  @JsonTypeName("event")
  @JsonPropertyOrder({"event_type", "data"})
  record Event(String eventType, ObjectNode data) implements Trigger {}

  /** Only {@code POST /api/v1/automations/{id}/trigger} starts the rule. */
  @JsonTypeName("manual")
  record Manual() implements Trigger {}
}
