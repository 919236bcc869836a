package io.pma.adapter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The colour of a {@code set_color} light action, in exactly one of Home Assistant's
 * {@code light.turn_on} forms: {@code hs_color [hue 0-360, saturation 0-100]},
 * {@code rgb_color [r, g, b]} (0-255), {@code xy_color [x, y]} (CIE 1931, 0-1) or
 * {@code color_temp_kelvin} (also {@code color_temp} in mireds). Adapters convert to what the device
 * speaks with {@link #toXy()}, {@link #toHs()} and {@link #toRgb()}, with Home Assistant's colour
 * utilities' formulas (sRGB gamma, the "Wide RGB D65" matrix for xy, truncated channels), so a
 * device gets the same payload from PMA as from Home Assistant.
 */
public sealed interface LightColor {
  /** Hue 0-360°, saturation 0-100 %. */
  record Hs(double hue, double saturation) implements LightColor {}

  /** sRGB channels 0-255. */
  record Rgb(int red, int green, int blue) implements LightColor {}

  /** CIE 1931 chromaticity. */
  record Xy(double x, double y) implements LightColor {}

  /** A white colour temperature. */
  record Kelvin(int kelvin) implements LightColor {
    /** Floored, as Home Assistant's color_temperature_kelvin_to_mired. */
    public int mireds() {
      return (int) Math.floor(1_000_000.0 / kelvin);
    }
  }

  /** The keys {@code set_color} takes; exactly one must be given. */
  List<String> KEYS = List.of("hs_color", "rgb_color", "xy_color", "color_temp_kelvin",
      "color_temp");

  /** Reads the one colour in {@code params}; a clear 422 for none, several or bad values. */
  static LightColor parse(ObjectNode params) {
    List<String> given = new ArrayList<>();
    for (String key : KEYS) {
      if (params != null && params.hasNonNull(key)) {
        given.add(key);
      }
    }
    if (given.size() != 1) {
      throw ActionException.invalid("give exactly one of " + String.join(", ", KEYS)
          + (given.isEmpty() ? "" : " (got " + String.join(", ", given) + ")"));
    }
    String key = given.get(0);
    JsonNode value = params.get(key);
    return switch (key) {
      case "hs_color" -> new Hs(component(value, key, 0, 2, 360), component(value, key, 1, 2, 100));
      case "rgb_color" -> new Rgb((int) Math.round(component(value, key, 0, 3, 255)),
          (int) Math.round(component(value, key, 1, 3, 255)),
          (int) Math.round(component(value, key, 2, 3, 255)));
      case "xy_color" -> new Xy(component(value, key, 0, 2, 1), component(value, key, 1, 2, 1));
      case "color_temp_kelvin" -> new Kelvin((int) Math.round(number(value, key, 1000, 40000)));
      // Mireds to Kelvin floored, as Home Assistant's color_temperature_mired_to_kelvin.
      default -> new Kelvin((int) Math.floor(1_000_000.0 / number(value, key, 25, 1000)));
    };
  }

  private static double component(JsonNode array, String key, int index, int size, double max) {
    if (!array.isArray() || array.size() != size) {
      throw ActionException.invalid("'" + key + "' must be a list of " + size + " numbers");
    }
    return number(array.get(index), key, 0, max);
  }

  private static double number(JsonNode value, String key, double min, double max) {
    if (!value.isNumber() || value.doubleValue() < min || value.doubleValue() > max) {
      throw ActionException.invalid("'" + key + "' values must be numbers from " + (long) min
          + " to " + (long) max);
    }
    return value.doubleValue();
  }

  /** As sRGB (full brightness for hs and xy). */
  default Rgb toRgb() {
    if (this instanceof Rgb rgb) {
      return rgb;
    }
    if (this instanceof Hs hs) {
      // colorsys.hsv_to_rgb at full value, channels truncated: Home Assistant's color_hs_to_RGB.
      double h = hs.hue() / 360.0;
      double s = hs.saturation() / 100.0;
      int sector = (int) (h * 6.0);
      double f = h * 6.0 - sector;
      double p = 1 - s;
      double q = 1 - s * f;
      double t = 1 - s * (1 - f);
      double[] rgb = switch (sector % 6) {
        case 0 -> new double[] {1, t, p};
        case 1 -> new double[] {q, 1, p};
        case 2 -> new double[] {p, 1, t};
        case 3 -> new double[] {p, q, 1};
        case 4 -> new double[] {t, p, 1};
        default -> new double[] {1, p, q};
      };
      return new Rgb((int) (rgb[0] * 255), (int) (rgb[1] * 255), (int) (rgb[2] * 255));
    }
    if (this instanceof Xy xy) {
      // Home Assistant's color_xy_brightness_to_RGB at full brightness: the "Wide RGB D65"
      // matrix that Philips publishes for Hue lights, reverse sRGB gamma, channels truncated.
      double y = 1.0;
      double chromaY = xy.y() == 0 ? 1e-11 : xy.y();
      double bigX = y / chromaY * xy.x();
      double bigZ = y / chromaY * (1 - xy.x() - chromaY);
      double r = bigX * 1.656492 - y * 0.354851 - bigZ * 0.255038;
      double g = -bigX * 0.707196 + y * 1.655397 + bigZ * 0.036152;
      double b = bigX * 0.051713 - y * 0.121364 + bigZ * 1.011530;
      double[] channels = {gamma(r), gamma(g), gamma(b)};
      double max = Math.max(channels[0], Math.max(channels[1], channels[2]));
      if (max > 1) {
        for (int i = 0; i < 3; i++) {
          channels[i] /= max;
        }
      }
      return new Rgb((int) (channels[0] * 255), (int) (channels[1] * 255),
          (int) (channels[2] * 255));
    }
    Kelvin k = (Kelvin) this;
    // Tanner Helland's approximation, as Home Assistant's color_temperature_to_rgb.
    double t = k.kelvin() / 100.0;
    double r = t <= 66 ? 255 : 329.698727446 * Math.pow(t - 60, -0.1332047592);
    double g = t <= 66 ? 99.4708025861 * Math.log(t) - 161.1195681661
        : 288.1221695283 * Math.pow(t - 60, -0.0755148492);
    double b = t >= 66 ? 255 : t <= 19 ? 0 : 138.5177312231 * Math.log(t - 10) - 305.0447927307;
    return new Rgb(clamp(r), clamp(g), clamp(b));
  }

  /** As CIE xy. */
  default Xy toXy() {
    if (this instanceof Xy xy) {
      return xy;
    }
    Rgb rgb = toRgb();
    double r = linear(rgb.red() / 255.0);
    double g = linear(rgb.green() / 255.0);
    double b = linear(rgb.blue() / 255.0);
    // Home Assistant's color_RGB_to_xy: the "Wide RGB D65" matrix, rounded to 3 places.
    double x = r * 0.664511 + g * 0.154324 + b * 0.162028;
    double y = r * 0.283881 + g * 0.668433 + b * 0.047685;
    double z = r * 0.000088 + g * 0.072310 + b * 0.986039;
    double sum = x + y + z;
    if (sum == 0) {
      return new Xy(0, 0);
    }
    return new Xy(round3(x / sum), round3(y / sum));
  }

  /** As hue and saturation. */
  default Hs toHs() {
    if (this instanceof Hs hs) {
      return hs;
    }
    Rgb rgb = toRgb();
    double r = rgb.red() / 255.0;
    double g = rgb.green() / 255.0;
    double b = rgb.blue() / 255.0;
    double max = Math.max(r, Math.max(g, b));
    double min = Math.min(r, Math.min(g, b));
    double delta = max - min;
    double hue;
    if (delta == 0) {
      hue = 0;
    } else if (max == r) {
      hue = 60 * (((g - b) / delta) % 6);
    } else if (max == g) {
      hue = 60 * ((b - r) / delta + 2);
    } else {
      hue = 60 * ((r - g) / delta + 4);
    }
    if (hue < 0) {
      hue += 360;
    }
    double saturation = max == 0 ? 0 : delta / max * 100;
    return new Hs(Math.round(hue * 1000) / 1000.0, Math.round(saturation * 1000) / 1000.0);
  }

  private static double gamma(double c) {
    double v = c <= 0.0031308 ? 12.92 * c : 1.055 * Math.pow(c, 1 / 2.4) - 0.055;
    return Math.max(0, v);
  }

  private static double linear(double c) {
    return c > 0.04045 ? Math.pow((c + 0.055) / 1.055, 2.4) : c / 12.92;
  }

  private static int clamp(double c) {
    return (int) Math.round(Math.max(0, Math.min(255, c)));
  }

  /** Python's round(v, 3): half to even on the exact binary value. */
  private static double round3(double v) {
    return new java.math.BigDecimal(v).setScale(3, java.math.RoundingMode.HALF_EVEN).doubleValue();
  }
}
