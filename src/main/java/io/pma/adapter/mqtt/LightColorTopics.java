package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.adapter.LightColor;
import java.util.ArrayList;
import java.util.List;

/**
 * The colour and effect topics of a default-schema {@code light}: {@code hs_*} ("h,s"),
 * {@code rgb_*} ("r,g,b"), {@code xy_*} ("x,y"), {@code color_temp_*} (mireds, or Kelvin with
 * {@code color_temp_kelvin: true}) and {@code effect_*}, each a command topic and a state topic
 * with its value template, and {@code color_mode_state_topic} (+ {@code color_mode_value_template}).
 * Command templates on these topics are not supported yet: the plain payload formats above are
 * sent.
 *
 * <p>The colour mode is what the color mode topic says when the config has one (Tasmota's bulbs
 * report {@code hs} or {@code color_temp} from their {@code White} channel there, and publish both
 * their colour and their colour temperature in every message); without one it is the mode of the
 * colour value received last, as Home Assistant does.
 */
record LightColorTopics(Channel hs, Channel rgb, Channel xy, Channel colorTemp, Channel effect,
    Channel colorMode, List<String> effects, boolean kelvin, ColorTempRange colorTempRange) {
  /** Home Assistant's colour modes. */
  private static final java.util.Set<String> COLOR_MODES = java.util.Set.of("onoff", "brightness",
      "color_temp", "hs", "xy", "rgb", "rgbw", "rgbww", "white");

  /** One colour property's topics. */
  record Channel(String commandTopic, String stateTopic, ValueTemplate template) {}

  static LightColorTopics parse(ConfigReader config) throws InvalidConfigException {
    return new LightColorTopics(channel(config, "hs"), channel(config, "rgb"),
        channel(config, "xy"), channel(config, "color_temp"), channel(config, "effect"),
        channel(config, "color_mode"), config.strings("effect_list", List.of()),
        config.bool("color_temp_kelvin", false), ColorTempRange.parse(config));
  }

  private static Channel channel(ConfigReader config, String name) throws InvalidConfigException {
    return new Channel(config.publishTopic(name + "_command_topic"),
        config.subscribeTopic(name + "_state_topic"), config.template(name + "_value_template"));
  }

  /** The colour modes these topics give, in Home Assistant's names. */
  List<String> modes() {
    List<String> modes = new ArrayList<>();
    if (hs.commandTopic() != null) {
      modes.add("hs");
    }
    if (rgb.commandTopic() != null) {
      modes.add("rgb");
    }
    if (xy.commandTopic() != null) {
      modes.add("xy");
    }
    if (colorTemp.commandTopic() != null) {
      modes.add("color_temp");
    }
    return modes;
  }

  void describe(ObjectNode attributes) {
    if (colorTemp.commandTopic() != null) {
      colorTempRange.describe(attributes);
    }
    if (!effects.isEmpty()) {
      effects.forEach(attributes.putArray("effect_list")::add);
    }
  }

  /** The colour mode of a colour value just read, unless a color mode topic reports it. */
  private void mode(EntityState state, String mode) {
    if (colorMode.stateTopic() == null) {
      state.attributes.put("color_mode", mode);
    }
  }

  Bindings bind(Bindings bindings) {
    return bindings
        .rendered(colorMode.stateTopic(), colorMode.template(), (value, state) -> {
          if (!COLOR_MODES.contains(value)) {
            throw new MalformedPayloadException("color mode '" + value + "' is none of "
                + new java.util.TreeSet<>(COLOR_MODES));
          }
          state.attributes.put("color_mode", value);
        })
        .rendered(hs.stateTopic(), hs.template(), (value, state) -> {
          double[] v = numbers(value, 2, "hs");
          state.attributes.putArray("hs_color").add(v[0]).add(v[1]);
          mode(state, "hs");
        })
        .rendered(rgb.stateTopic(), rgb.template(), (value, state) -> {
          double[] v = numbers(value, 3, "rgb");
          state.attributes.putArray("rgb_color").add((int) v[0]).add((int) v[1]).add((int) v[2]);
          mode(state, "rgb");
        })
        .rendered(xy.stateTopic(), xy.template(), (value, state) -> {
          double[] v = numbers(value, 2, "xy");
          state.attributes.putArray("xy_color").add(v[0]).add(v[1]);
          mode(state, "xy");
        })
        .rendered(colorTemp.stateTopic(), colorTemp.template(), (value, state) -> {
          double t = numbers(value, 1, "color_temp")[0];
          if (t <= 0) {
            throw new MalformedPayloadException("color_temp '" + value + "' must be positive");
          }
          double mireds = kelvin ? 1_000_000.0 / t : t;
          state.attributes.put("color_temp", (int) Math.round(mireds));
          // Floored, as Home Assistant's color_temperature_mired_to_kelvin.
          state.attributes.put("color_temp_kelvin", (int) Math.floor(1_000_000.0 / mireds));
          mode(state, "color_temp");
        })
        .rendered(effect.stateTopic(), effect.template(),
            (value, state) -> state.attributes.put("effect", value));
  }

  private static double[] numbers(String value, int count, String what)
      throws MalformedPayloadException {
    String[] parts = value.split(",");
    if (parts.length != count) {
      throw new MalformedPayloadException(what + " '" + value + "' needs " + count + " numbers");
    }
    double[] numbers = new double[count];
    for (int i = 0; i < count; i++) {
      Double number = Filter.parse(parts[i]);
      if (number == null) {
        throw new MalformedPayloadException(what + " '" + value + "' is not numbers");
      }
      numbers[i] = number;
    }
    return numbers;
  }

  /** The command for {@code color} on the first topic that can take it, or null when none can. */
  Publication color(LightColor color, int qos, boolean retain) {
    if (color instanceof LightColor.Kelvin white) {
      return colorTemp.commandTopic() == null ? null : new Publication(colorTemp.commandTopic(),
          Integer.toString(kelvin ? white.kelvin() : white.mireds()), qos, retain);
    }
    // Hue, saturation and xy go out as Home Assistant formats them: Python floats ("240.0,100.0").
    if (hs.commandTopic() != null) {
      LightColor.Hs v = color.toHs();
      return new Publication(hs.commandTopic(), PythonText.ofDouble(v.hue()) + ","
          + PythonText.ofDouble(v.saturation()), qos, retain);
    }
    if (rgb.commandTopic() != null) {
      LightColor.Rgb v = color.toRgb();
      return new Publication(rgb.commandTopic(), v.red() + "," + v.green() + "," + v.blue(), qos,
          retain);
    }
    if (xy.commandTopic() != null) {
      LightColor.Xy v = color.toXy();
      return new Publication(xy.commandTopic(), PythonText.ofDouble(v.x()) + ","
          + PythonText.ofDouble(v.y()), qos, retain);
    }
    return null;
  }

  Publication effect(String name, int qos, boolean retain) {
    return effect.commandTopic() == null || !effects.contains(name) ? null
        : new Publication(effect.commandTopic(), name, qos, retain);
  }
}
