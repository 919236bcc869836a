package io.pma.adapter.mqtt;

import io.pma.domain.Refusal;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.adapter.ActionException;
import io.pma.adapter.LightColor;
import io.pma.domain.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code light} with the default schema: on/off on {@code command_topic}, brightness on its own
 * topics scaled by {@code brightness_scale}, sent before or after the on command as
 * {@code on_command_type} (last, first, brightness) says.
 */
final class LightComponent implements Component {
  private final OnOff onOff;
  private final String stateTopic;
  private final ValueTemplate stateTemplate;
  private final String brightnessCommandTopic;
  private final CommandTemplate brightnessCommandTemplate;
  private final String brightnessStateTopic;
  private final ValueTemplate brightnessTemplate;
  private final Brightness brightness;
  private final String onCommandType;
  private final LightColorTopics colors;

  private LightComponent(OnOff onOff, String stateTopic, ValueTemplate stateTemplate,
      String brightnessCommandTopic, CommandTemplate brightnessCommandTemplate,
      String brightnessStateTopic, ValueTemplate brightnessTemplate, Brightness brightness,
      String onCommandType, LightColorTopics colors) {
    this.colors = colors;
    this.onOff = onOff;
    this.stateTopic = stateTopic;
    this.stateTemplate = stateTemplate;
    this.brightnessCommandTopic = brightnessCommandTopic;
    this.brightnessCommandTemplate = brightnessCommandTemplate;
    this.brightnessStateTopic = brightnessStateTopic;
    this.brightnessTemplate = brightnessTemplate;
    this.brightness = brightness;
    this.onCommandType = onCommandType;
  }

  static LightComponent parse(ConfigReader config, EntityConfig common)
      throws InvalidConfigException {
    OnOff onOff = OnOff.parse(config, common);
    String onCommandType = config.string("on_command_type", "last");
    if (!List.of("last", "first", "brightness").contains(onCommandType)) {
      throw new InvalidConfigException("'on_command_type' must be last, first or brightness");
    }
    return new LightComponent(onOff, config.subscribeTopic("state_topic"),
        config.template("state_value_template"), config.publishTopic("brightness_command_topic"),
        config.commandTemplate("brightness_command_template", OnOff.VARIABLES),
        config.subscribeTopic("brightness_state_topic"),
        config.template("brightness_value_template"),
        new Brightness(config.integer("brightness_scale", 255, 1, 1_000_000)), onCommandType,
        LightColorTopics.parse(config));
  }

  @Override
  public List<StateBinding> bindings() {
    return colors.bind(new Bindings())
        .rendered(stateTopic, stateTemplate, (value, state) ->
            state.state = OnOff.read(value, onOff.payloadOn(), onOff.payloadOff()))
        .number(brightnessStateTopic, brightnessTemplate, "brightness",
            device -> JsonNodeFactory.instance.numberNode(brightness.fromDevice(device)))
        .list();
  }

  @Override
  public void describe(ObjectNode attributes) {
    var modes = attributes.putArray("supported_color_modes");
    if (!colors.modes().isEmpty()) {
      colors.modes().forEach(modes::add);
    } else {
      modes.add(brightnessCommandTopic != null ? "brightness" : "onoff");
    }
    colors.describe(attributes);
  }

  @Override
  public Command command(String entityId, String action, ObjectNode params, EntityState current) {
    switch (action) {
      case "turn_on":
        return turnOn(entityId, action, Actions.brightness(params), List.of(), current,
            Json.object());
      case "set_brightness":
        return turnOn(entityId, action,
            (int) Math.round(Actions.number(params, "brightness", 0, 255)), List.of(), current,
            Json.object());
      case "set_color": {
        LightColor color = LightColor.parse(params);
        Publication message = colors.color(color, onOff.qos(), onOff.retain());
        if (message == null) {
          throw Actions.unsupported(entityId, action, "no command topic for that colour");
        }
        // Home Assistant sends a colour temperature after the brightness, hs/rgb/xy before it.
        return color instanceof LightColor.Kelvin
            ? turnOn(entityId, action, -1, List.of(), current, Json.object(), message)
            : turnOn(entityId, action, -1, List.of(message), current, Json.object());
      }
      case "set_effect": {
        String effect = Actions.text(params, "effect");
        Publication message = colors.effect(effect, onOff.qos(), onOff.retain());
        if (message == null) {
          throw Actions.unsupported(entityId, action, "no effect_command_topic or unknown effect '"
              + effect + "'");
        }
        return turnOn(entityId, action, -1, List.of(), current,
            Json.object().put("effect", effect), message);
      }
      case "turn_off":
        return Command.of(onOff.off(), "off");
      case "toggle":
        return "on".equals(current.state) ? Command.of(onOff.off(), "off")
            : turnOn(entityId, action, -1, List.of(), current, Json.object());
      default:
        throw Actions.unsupported(entityId, action);
    }
  }

  /**
   * Turning on in Home Assistant's order: the on payload first ({@code on_command_type: first}),
   * the colour, the brightness, then a colour temperature or effect, the on payload last
   * ({@code last}, the default). With {@code on_command_type: brightness} the brightness message
   * is what turns the light on, so it is always sent: the requested level, else the light's
   * current one, else full.
   */
  private Command turnOn(String entityId, String action, int level, List<Publication> before,
      EntityState current, ObjectNode assumed, Publication... after) {
    if (level == 0) {
      return Command.of(onOff.off(), "off");
    }
    if (level > 0 && brightnessCommandTopic == null) {
      throw Actions.unsupported(entityId, action, "this light has no brightness_command_topic");
    }
    List<Publication> messages = new ArrayList<>();
    if ("first".equals(onCommandType)) {
      messages.add(onOff.on());
    }
    messages.addAll(before);
    if (level > 0) {
      messages.add(brightnessMessage(brightness.toDevice(level)));
    } else if ("brightness".equals(onCommandType)) {
      int known = current.attributes.path("brightness").asInt(0);
      messages.add(brightnessMessage(known > 0 ? brightness.toDevice(known) : brightness.scale()));
    }
    messages.addAll(List.of(after));
    if ("last".equals(onCommandType)) {
      messages.add(onOff.on());
    }
    if (level > 0) {
      assumed.put("brightness", level);
    }
    return new Command(messages, "on", assumed);
  }

  private Publication brightnessMessage(int deviceValue) {
    if (brightnessCommandTopic == null) {
      throw new ActionException(Refusal.UNSUPPORTED,
          "this light has on_command_type 'brightness' but no brightness_command_topic");
    }
    String payload = Actions.payload(brightnessCommandTemplate, Integer.toString(deviceValue),
        JsonNodeFactory.instance.numberNode(deviceValue));
    return new Publication(brightnessCommandTopic, payload, onOff.qos(), onOff.retain());
  }
}
