package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.adapter.LightColor;
import io.pma.domain.Json;
import java.util.List;

/**
 * {@code light} with {@code schema: json} (zigbee2mqtt, ESPHome, Tasmota): the state topic carries
 * {@code {"state":"ON","brightness":200,...}} and commands are JSON objects of the same shape,
 * brightness scaled by {@code brightness_scale}; {@code set_color} in the light's colour mode and
 * {@code set_effect} from its {@code effect_list}.
 */
final class JsonLightComponent implements Component {
  private final String commandTopic;
  private final String stateTopic;
  private final Brightness brightness;
  private final boolean brightnessSupported;
  private final boolean colorTempSupported;
  /** Null when the light has no colour temperature. */
  private final ColorTempRange colorTempRange;
  private final List<String> colorModes;
  private final List<String> effects;
  /** {@code color_temp_kelvin: true}: the device speaks Kelvin in {@code color_temp}. */
  private final boolean kelvin;
  private final int qos;
  private final boolean retain;

  private JsonLightComponent(String commandTopic, String stateTopic, Brightness brightness,
      boolean brightnessSupported, ColorTempRange colorTempRange, List<String> colorModes,
      List<String> effects, boolean kelvin, int qos, boolean retain) {
    this.kelvin = kelvin;
    this.commandTopic = commandTopic;
    this.stateTopic = stateTopic;
    this.brightness = brightness;
    this.brightnessSupported = brightnessSupported;
    this.colorTempSupported = colorTempRange != null;
    this.colorTempRange = colorTempRange;
    this.colorModes = colorModes;
    this.effects = effects;
    this.qos = qos;
    this.retain = retain;
  }

  static JsonLightComponent parse(ConfigReader config, EntityConfig common)
      throws InvalidConfigException {
    String commandTopic = config.requiredPublishTopic("command_topic");
    List<String> modes = config.strings("supported_color_modes", List.of());
    boolean brightness = config.bool("brightness", false)
        || modes.stream().anyMatch(m -> !"onoff".equals(m));
    boolean colorTemp = config.bool("color_temp", false) || modes.contains("color_temp");
    List<String> effects = config.bool("effect", false)
        ? config.strings("effect_list", List.of()) : List.of();
    return new JsonLightComponent(commandTopic, config.subscribeTopic("state_topic"),
        new Brightness(config.integer("brightness_scale", 255, 1, 1_000_000)), brightness,
        colorTemp ? ColorTempRange.parse(config) : null, modes, effects,
        config.bool("color_temp_kelvin", false), common.qos(),
        common.retain());
  }

  @Override
  public List<StateBinding> bindings() {
    if (stateTopic == null) {
      return List.of();
    }
    return List.of(new StateBinding(stateTopic, (payload, state) -> read(payload.json(), state)));
  }

  private void read(JsonNode json, EntityState state) throws MalformedPayloadException {
    if (!json.isObject()) {
      throw new MalformedPayloadException("expected a JSON object");
    }
    JsonNode on = json.get("state");
    if (on != null) {
      state.state = on.isNull() ? EntityState.UNKNOWN : OnOff.read(on.asText(), "ON", "OFF");
    }
    JsonNode level = json.get("brightness");
    if (level != null && !level.isNull()) {
      if (!level.isNumber()) {
        throw new MalformedPayloadException("brightness '" + level + "' is not a number");
      }
      state.attributes.put("brightness", brightness.fromDevice(level.doubleValue()));
    }
    copy(json, "color_mode", state.attributes, "color_mode");
    JsonNode temperature = json.get("color_temp");
    if (temperature != null && temperature.isNumber() && temperature.doubleValue() > 0) {
      double mireds = kelvin ? 1_000_000.0 / temperature.doubleValue() : temperature.doubleValue();
      state.attributes.put("color_temp", (int) Math.round(mireds));
      // Floored, as Home Assistant's color_temperature_mired_to_kelvin.
      state.attributes.put("color_temp_kelvin", (int) Math.floor(1_000_000.0 / mireds));
    }
    copy(json, "effect", state.attributes, "effect");
    JsonNode color = json.path("color");
    if (color.has("x") && color.has("y")) {
      state.attributes.putArray("xy_color").add(color.get("x")).add(color.get("y"));
    }
    if (color.has("h") && color.has("s")) {
      state.attributes.putArray("hs_color").add(color.get("h")).add(color.get("s"));
    }
    if (color.has("r") && color.has("g") && color.has("b")) {
      state.attributes.putArray("rgb_color").add(color.get("r")).add(color.get("g"))
          .add(color.get("b"));
    }
  }

  private static void copy(JsonNode from, String key, ObjectNode to, String as) {
    JsonNode value = from.get(key);
    if (value != null && value.isValueNode()) {
      to.set(as, value);
    }
  }

  @Override
  public void describe(ObjectNode attributes) {
    var modes = attributes.putArray("supported_color_modes");
    if (!colorModes.isEmpty()) {
      colorModes.forEach(modes::add);
    } else {
      modes.add(brightnessSupported ? "brightness" : "onoff");
    }
    if (colorTempRange != null) {
      colorTempRange.describe(attributes);
    }
    if (!effects.isEmpty()) {
      effects.forEach(attributes.putArray("effect_list")::add);
    }
  }

  @Override
  public Command command(String entityId, String action, ObjectNode params, EntityState current) {
    switch (action) {
      case "turn_on":
        return turnOn(entityId, action, params, Actions.brightness(params));
      case "set_brightness":
        return turnOn(entityId, action, null,
            (int) Math.round(Actions.number(params, "brightness", 0, 255)));
      case "set_color":
        return setColor(entityId, action, LightColor.parse(params));
      case "set_effect":
        return setEffect(entityId, action, Actions.text(params, "effect"));
      case "turn_off":
        return turnOff(params);
      case "toggle":
        return "on".equals(current.state) ? turnOff(null) : turnOn(entityId, action, null, -1);
      default:
        throw Actions.unsupported(entityId, action);
    }
  }

  private Command turnOn(String entityId, String action, ObjectNode params, int level) {
    if (level == 0) {
      return turnOff(params);
    }
    ObjectNode message = Json.object().put("state", "ON");
    ObjectNode assumed = Json.object();
    transition(params, message);
    if (level > 0) {
      if (!brightnessSupported) {
        throw Actions.unsupported(entityId, action, "this light has no brightness");
      }
      message.put("brightness", brightness.toDevice(level));
      assumed.put("brightness", level);
    }
    if (Actions.has(params, "color_temp")) {
      if (!colorTempSupported) {
        throw Actions.unsupported(entityId, action, "this light has no color temperature");
      }
      int mireds = (int) Math.round(Actions.number(params, "color_temp", 1, 1_000_000));
      message.put("color_temp", mireds);
      assumed.put("color_temp", mireds);
    }
    if (Actions.has(params, "effect")) {
      String effect = Actions.text(params, "effect");
      if (!effects.contains(effect)) {
        throw Actions.unsupported(entityId, action, "unknown effect '" + effect + "'");
      }
      message.put("effect", effect);
    }
    return new Command(List.of(publish(message)), "on", assumed);
  }

  /** {@code set_color}: sent in the colour space the light declares (hs, xy, rgb*, color_temp). */
  private Command setColor(String entityId, String action, LightColor color) {
    ObjectNode message = Json.object().put("state", "ON");
    if (color instanceof LightColor.Kelvin white) {
      if (!colorTempSupported) {
        throw Actions.unsupported(entityId, action, "this light has no color temperature");
      }
      message.put("color_temp", kelvin ? white.kelvin() : white.mireds());
    } else if (colorModes.contains("hs")) {
      LightColor.Hs hs = color.toHs();
      message.putObject("color").put("h", hs.hue()).put("s", hs.saturation());
    } else if (colorModes.contains("xy")) {
      LightColor.Xy xy = color.toXy();
      message.putObject("color").put("x", xy.x()).put("y", xy.y());
    } else if (colorModes.stream().anyMatch(m -> m.startsWith("rgb"))) {
      LightColor.Rgb rgb = color.toRgb();
      message.putObject("color").put("r", rgb.red()).put("g", rgb.green()).put("b", rgb.blue());
    } else {
      throw Actions.unsupported(entityId, action, "this light has no colour mode (hs, xy, rgb)");
    }
    return new Command(List.of(publish(message)), "on", Json.object());
  }

  private Command setEffect(String entityId, String action, String effect) {
    if (!effects.contains(effect)) {
      throw Actions.unsupported(entityId, action, "unknown effect '" + effect + "'");
    }
    return new Command(List.of(publish(Json.object().put("state", "ON").put("effect", effect))),
        "on", Json.object().put("effect", effect));
  }

  private Command turnOff(ObjectNode params) {
    ObjectNode message = Json.object().put("state", "OFF");
    transition(params, message);
    return Command.of(publish(message), "off");
  }

  private static void transition(ObjectNode params, ObjectNode message) {
    if (Actions.has(params, "transition")) {
      double seconds = Actions.number(params, "transition", 0, 3600);
      if (seconds == Math.rint(seconds)) {
        message.put("transition", (long) seconds);
      } else {
        message.put("transition", seconds);
      }
    }
  }

  private Publication publish(ObjectNode message) {
    return new Publication(commandTopic, Json.write(message), qos, retain);
  }
}
