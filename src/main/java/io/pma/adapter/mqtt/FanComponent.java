package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code fan}: on/off like a switch, plus percentage (mapped onto
 * {@code speed_range_min}..{@code speed_range_max} as Home Assistant does), preset modes and
 * oscillation on their own topics.
 */
final class FanComponent implements Component {
  private final OnOff onOff;
  private final String stateTopic;
  private final ValueTemplate stateTemplate;
  private final CommandTopic percentageCommand;
  private final String percentageStateTopic;
  private final ValueTemplate percentageTemplate;
  private final int speedMin;
  private final int speedMax;
  private final CommandTopic presetCommand;
  private final String presetStateTopic;
  private final ValueTemplate presetTemplate;
  private final List<String> presetModes;
  private final CommandTopic oscillationCommand;
  private final String oscillationStateTopic;
  private final ValueTemplate oscillationTemplate;
  private final String oscillationOn;
  private final String oscillationOff;

  FanComponent(ConfigReader c, EntityConfig common) throws InvalidConfigException {
    onOff = OnOff.parse(c, common);
    stateTopic = c.subscribeTopic("state_topic");
    stateTemplate = c.template("state_value_template");
    percentageCommand = CommandTopic.read(c, "percentage_command_topic",
        "percentage_command_template", common);
    percentageStateTopic = c.subscribeTopic("percentage_state_topic");
    percentageTemplate = c.template("percentage_value_template");
    speedMin = c.integer("speed_range_min", 1, 1, 1_000_000);
    speedMax = c.integer("speed_range_max", 100, speedMin, 1_000_000);
    presetCommand = CommandTopic.read(c, "preset_mode_command_topic",
        "preset_mode_command_template", common);
    presetStateTopic = c.subscribeTopic("preset_mode_state_topic");
    presetTemplate = c.template("preset_mode_value_template");
    presetModes = c.strings("preset_modes", List.of());
    oscillationCommand = CommandTopic.read(c, "oscillation_command_topic", null, common);
    oscillationStateTopic = c.subscribeTopic("oscillation_state_topic");
    oscillationTemplate = c.template("oscillation_value_template");
    oscillationOn = c.string("payload_oscillation_on", "oscillate_on");
    oscillationOff = c.string("payload_oscillation_off", "oscillate_off");
  }

  @Override
  public List<StateBinding> bindings() {
    return new Bindings()
        .rendered(stateTopic, stateTemplate, (value, state) ->
            state.state = OnOff.read(value, onOff.payloadOn(), onOff.payloadOff()))
        .rendered(percentageStateTopic, percentageTemplate, (value, state) -> {
          if ("None".equals(value)) {
            return;
          }
          Double speed = Filter.parse(value);
          if (speed == null) {
            throw new MalformedPayloadException(
                "percentage value '" + value + "' is not a number");
          }
          state.attributes.put("percentage", toPercentage(speed));
        })
        .rendered(presetStateTopic, presetTemplate, (value, state) -> {
          if (!value.isEmpty() && !"None".equals(value)) {
            state.attributes.put("preset_mode", value);
          }
        })
        .rendered(oscillationStateTopic, oscillationTemplate, (value, state) ->
            state.attributes.put("oscillating",
                "on".equals(OnOff.read(value, oscillationOn, oscillationOff))))
        .list();
  }

  /** Device speed → percentage, Home Assistant's ranged_value_to_percentage. */
  private int toPercentage(double speed) {
    int states = speedMax - speedMin + 1;
    return (int) Math.max(0, Math.min(100, Math.floor((speed - (speedMin - 1)) * 100 / states)));
  }

  /** Percentage → device speed, Home Assistant's percentage_to_ranged_value rounded up. */
  private long toSpeed(int percentage) {
    int states = speedMax - speedMin + 1;
    return (long) Math.ceil(states * percentage / 100.0 + (speedMin - 1));
  }

  @Override
  public void describe(ObjectNode attributes) {
    if (!presetModes.isEmpty()) {
      presetModes.forEach(attributes.putArray("preset_modes")::add);
    }
    if (percentageCommand.topic() != null) {
      attributes.put("percentage_step", 100.0 / (speedMax - speedMin + 1));
    }
  }

  @Override
  public Command command(String entityId, String action, ObjectNode params, EntityState current) {
    switch (action) {
      case "turn_on":
        return turnOn(entityId, action, params);
      case "turn_off":
        return Command.of(onOff.off(), "off");
      case "toggle":
        return "on".equals(current.state) ? Command.of(onOff.off(), "off")
            : turnOn(entityId, action, null);
      case "set_percentage":
        int percentage = (int) Math.round(Actions.number(params, "percentage", 0, 100));
        return percentage == 0 ? Command.of(onOff.off(), "off")
            : new Command(List.of(percentage(entityId, action, percentage)), "on",
                Json.object().put("percentage", percentage));
      case "set_preset_mode":
        return new Command(List.of(preset(entityId, action, Actions.text(params, "preset_mode"))),
            "on", null);
      case "oscillate":
        return oscillate(entityId, action, Actions.bool(params, "oscillating"));
      default:
        throw Actions.unsupported(entityId, action);
    }
  }

  private Command turnOn(String entityId, String action, ObjectNode params) {
    List<Publication> messages = new ArrayList<>();
    messages.add(onOff.on());
    ObjectNode assumed = Json.object();
    if (Actions.has(params, "percentage")) {
      int percentage = (int) Math.round(Actions.number(params, "percentage", 0, 100));
      messages.add(percentage(entityId, action, percentage));
      assumed.put("percentage", percentage);
    }
    if (Actions.has(params, "preset_mode")) {
      messages.add(preset(entityId, action, Actions.text(params, "preset_mode")));
    }
    return new Command(messages, "on", assumed);
  }

  private Publication percentage(String entityId, String action, int percentage) {
    percentageCommand.require(entityId, action);
    long speed = toSpeed(percentage);
    return percentageCommand.publish(Long.toString(speed),
        JsonNodeFactory.instance.numberNode(speed));
  }

  private Publication preset(String entityId, String action, String mode) {
    presetCommand.require(entityId, action);
    if (!presetModes.contains(mode)) {
      throw io.pma.adapter.ActionException.invalid("'preset_mode' must be one of " + presetModes);
    }
    return presetCommand.publish(mode);
  }

  private Command oscillate(String entityId, String action, boolean on) {
    oscillationCommand.require(entityId, action);
    Publication message = oscillationCommand.publish(on ? oscillationOn : oscillationOff);
    return new Command(List.of(message), null, Json.object().put("oscillating", on));
  }
}
