package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code climate} basics: the HVAC mode is the state ({@code mode_state_topic} /
 * {@code mode_command_topic}); target temperature, current temperature and the running action
 * are attributes. Temperatures are published as Home Assistant does (a float: "21.0").
 */
final class ClimateComponent implements Component {
  private static final List<String> DEFAULT_MODES =
      List.of("auto", "off", "cool", "heat", "dry", "fan_only");

  private final List<String> modes;
  private final CommandTopic modeCommand;
  private final String modeStateTopic;
  private final ValueTemplate modeStateTemplate;
  private final CommandTopic temperatureCommand;
  private final String temperatureStateTopic;
  private final ValueTemplate temperatureStateTemplate;
  private final String currentTemperatureTopic;
  private final ValueTemplate currentTemperatureTemplate;
  private final String actionTopic;
  private final ValueTemplate actionTemplate;
  private final double minTemp;
  private final double maxTemp;
  private final double tempStep;

  ClimateComponent(ConfigReader c, EntityConfig common) throws InvalidConfigException {
    modes = c.strings("modes", DEFAULT_MODES);
    modeCommand = CommandTopic.read(c, "mode_command_topic", "mode_command_template", common);
    modeStateTopic = c.subscribeTopic("mode_state_topic");
    modeStateTemplate = c.template("mode_state_template");
    temperatureCommand = CommandTopic.read(c, "temperature_command_topic",
        "temperature_command_template", common);
    temperatureStateTopic = c.subscribeTopic("temperature_state_topic");
    temperatureStateTemplate = c.template("temperature_state_template");
    currentTemperatureTopic = c.subscribeTopic("current_temperature_topic");
    currentTemperatureTemplate = c.template("current_temperature_template");
    actionTopic = c.subscribeTopic("action_topic");
    actionTemplate = c.template("action_template");
    boolean fahrenheit = "F".equals(c.string("temperature_unit", "C"));
    minTemp = c.number("min_temp", fahrenheit ? 45 : 7);
    maxTemp = c.number("max_temp", fahrenheit ? 95 : 35);
    tempStep = c.number("temp_step", 1);
    if (minTemp > maxTemp || tempStep <= 0) {
      throw new InvalidConfigException("'min_temp' must not exceed 'max_temp', 'temp_step' > 0");
    }
  }

  @Override
  public List<StateBinding> bindings() {
    return new Bindings()
        .rendered(modeStateTopic, modeStateTemplate, (value, state) -> {
          if ("None".equals(value)) {
            state.state = EntityState.UNKNOWN;
          } else if (modes.contains(value)) {
            state.state = value;
          } else {
            throw new MalformedPayloadException("mode '" + value + "' is not in " + modes);
          }
        })
        .number(temperatureStateTopic, temperatureStateTemplate, "temperature",
            JsonNodeFactory.instance::numberNode)
        .number(currentTemperatureTopic, currentTemperatureTemplate, "current_temperature",
            JsonNodeFactory.instance::numberNode)
        .rendered(actionTopic, actionTemplate, (value, state) -> {
          if (!value.isEmpty()) {
            state.attributes.put("hvac_action", value);
          }
        })
        .list();
  }

  @Override
  public void describe(ObjectNode attributes) {
    modes.forEach(attributes.putArray("hvac_modes")::add);
    attributes.put("min_temp", minTemp).put("max_temp", maxTemp)
        .put("target_temp_step", tempStep);
  }

  @Override
  public Command command(String entityId, String action, ObjectNode params, EntityState current) {
    switch (action) {
      case "set_temperature":
        return setTemperature(entityId, action, params);
      case "set_hvac_mode":
        return setMode(entityId, action, Actions.text(params, "hvac_mode"));
      case "turn_off":
        return setMode(entityId, action, "off");
      default:
        throw Actions.unsupported(entityId, action);
    }
  }

  private Command setTemperature(String entityId, String action, ObjectNode params) {
    temperatureCommand.require(entityId, action);
    double target = Actions.number(params, "temperature", minTemp, maxTemp);
    List<Publication> messages = new ArrayList<>();
    String assumedMode = null;
    if (Actions.has(params, "hvac_mode")) {
      Command mode = setMode(entityId, action, Actions.text(params, "hvac_mode"));
      messages.addAll(mode.publications());
      assumedMode = mode.assumedState();
    }
    messages.add(temperatureCommand.publish(PythonText.ofDouble(target),
        JsonNodeFactory.instance.numberNode(target)));
    return new Command(messages, assumedMode, Json.object().put("temperature", target));
  }

  private Command setMode(String entityId, String action, String mode) {
    modeCommand.require(entityId, action);
    if (!modes.contains(mode)) {
      throw io.pma.adapter.ActionException.invalid("'hvac_mode' must be one of " + modes);
    }
    return Command.of(modeCommand.publish(mode), mode);
  }
}
