package io.pma.adapter.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.adapter.ActionException;
import io.pma.adapter.LightColor;
import java.util.List;

/** What each demo device does when told to: the new reading, or why it cannot. Pure functions. */
final class DemoActions {
  static final List<String> HVAC_MODES = List.of("off", "heat", "cool", "auto");
  static final List<String> EFFECTS = List.of("none", "colorloop", "candle");

  private DemoActions() {}

  static DemoDevice apply(DemoDevice device, String action, ObjectNode parameters) {
    switch (device.domain()) {
      case "light": return light(device, action, parameters);
      case "switch": return onOff(device, action);
      case "fan": return fan(device, action, parameters);
      case "cover": return cover(device, action, parameters);
      case "climate": return climate(device, action, parameters);
      case "lock": return lock(device, action);
      default: throw unsupported(device, action);
    }
  }

  private static DemoDevice light(DemoDevice d, String action, ObjectNode p) {
    ObjectNode attrs = d.attributes().deepCopy();
    switch (action) {
      case "turn_on":
        int brightness = p.has("brightness") ? intParam(p, "brightness", 0, 255)
            : Math.max(attrs.path("brightness").asInt(0), 255);
        return lightState(d, attrs, brightness);
      case "set_brightness":
        return lightState(d, attrs, intParam(p, "brightness", 0, 255));
      case "turn_off":
        return lightState(d, attrs, 0);
      case "toggle":
        return "on".equals(d.state()) ? lightState(d, attrs, 0) : lightState(d, attrs, 255);
      case "set_color_temp":
        attrs.put("color_temp_kelvin", intParam(p, "color_temp_kelvin", 2000, 6500));
        return d.with(d.state(), attrs);
      case "set_color":
        return color(d, attrs, LightColor.parse(p));
      case "set_effect": {
        JsonNode effect = p.get("effect");
        if (effect == null || !EFFECTS.contains(effect.asText())) {
          throw ActionException.invalid("'effect' must be one of " + EFFECTS);
        }
        attrs.put("effect", effect.asText());
        return lightState(d, attrs, Math.max(attrs.path("brightness").asInt(0), 1));
      }
      default:
        throw unsupported(d, action);
    }
  }

  /** A demo light is a colour bulb: it shows the colour in every form, as Home Assistant does. */
  private static DemoDevice color(DemoDevice d, ObjectNode attrs, LightColor color) {
    for (String key : List.of("hs_color", "rgb_color", "xy_color")) {
      attrs.remove(key);
    }
    if (color instanceof LightColor.Kelvin white) {
      attrs.put("color_mode", "color_temp").put("color_temp_kelvin", white.kelvin());
    } else {
      LightColor.Hs hs = color.toHs();
      LightColor.Rgb rgb = color.toRgb();
      LightColor.Xy xy = color.toXy();
      attrs.put("color_mode", "hs");
      attrs.putArray("hs_color").add(hs.hue()).add(hs.saturation());
      attrs.putArray("rgb_color").add(rgb.red()).add(rgb.green()).add(rgb.blue());
      attrs.putArray("xy_color").add(xy.x()).add(xy.y());
    }
    return lightState(d, attrs, Math.max(attrs.path("brightness").asInt(0), 1));
  }

  private static DemoDevice lightState(DemoDevice d, ObjectNode attrs, int brightness) {
    attrs.put("brightness", brightness);
    return d.with(brightness > 0 ? "on" : "off", attrs);
  }

  private static DemoDevice onOff(DemoDevice d, String action) {
    switch (action) {
      case "turn_on": return d.with("on", d.attributes());
      case "turn_off": return d.with("off", d.attributes());
      case "toggle": return d.with("on".equals(d.state()) ? "off" : "on", d.attributes());
      default: throw unsupported(d, action);
    }
  }

  private static DemoDevice fan(DemoDevice d, String action, ObjectNode p) {
    ObjectNode attrs = d.attributes().deepCopy();
    int percentage;
    switch (action) {
      case "turn_on": percentage = p.has("percentage") ? intParam(p, "percentage", 0, 100) : 50;
        break;
      case "turn_off": percentage = 0;
        break;
      case "toggle": percentage = "on".equals(d.state()) ? 0 : 50;
        break;
      case "set_percentage": percentage = intParam(p, "percentage", 0, 100);
        break;
      default: throw unsupported(d, action);
    }
    attrs.put("percentage", percentage);
    return d.with(percentage > 0 ? "on" : "off", attrs);
  }

  private static DemoDevice cover(DemoDevice d, String action, ObjectNode p) {
    switch (action) {
      case "open": return coverAt(d, 100);
      case "close": return coverAt(d, 0);
      case "stop": return d;
      case "set_position": return coverAt(d, intParam(p, "position", 0, 100));
      default: throw unsupported(d, action);
    }
  }

  private static DemoDevice coverAt(DemoDevice d, int position) {
    ObjectNode attrs = d.attributes().deepCopy().put("current_position", position);
    return d.with(position > 0 ? "open" : "closed", attrs);
  }

  private static DemoDevice climate(DemoDevice d, String action, ObjectNode p) {
    ObjectNode attrs = d.attributes().deepCopy();
    switch (action) {
      case "set_temperature":
        attrs.put("temperature", numberParam(p, "temperature", 5, 35));
        return d.with(d.state(), attrs);
      case "set_hvac_mode":
        String mode = p.path("hvac_mode").asText("");
        if (!HVAC_MODES.contains(mode)) {
          throw ActionException.invalid("'hvac_mode' must be one of " + HVAC_MODES);
        }
        return d.with(mode, attrs);
      case "turn_on": return d.with("heat", attrs);
      case "turn_off": return d.with("off", attrs);
      default: throw unsupported(d, action);
    }
  }

  private static DemoDevice lock(DemoDevice d, String action) {
    switch (action) {
      case "lock": return d.with("locked", d.attributes());
      case "unlock": return d.with("unlocked", d.attributes());
      default: throw unsupported(d, action);
    }
  }

  private static int intParam(ObjectNode p, String name, int min, int max) {
    JsonNode value = p.get(name);
    if (value == null || !value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
      throw ActionException.invalid("'" + name + "' must be a number from " + min + " to " + max);
    }
    return (int) Math.round(value.asDouble());
  }

  private static double numberParam(ObjectNode p, String name, double min, double max) {
    JsonNode value = p.get(name);
    if (value == null || !value.isNumber() || value.asDouble() < min || value.asDouble() > max) {
      throw ActionException.invalid("'" + name + "' must be a number from " + min + " to " + max);
    }
    return value.asDouble();
  }

  private static ActionException unsupported(DemoDevice d, String action) {
    return ActionException.unsupported(d.id().toString(), action);
  }
}
