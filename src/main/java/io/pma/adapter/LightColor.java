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
 * speaks with {@link #toXy()}, {@link #toHs()} and {@link #toRgb()} (sRGB, D65, as Home Assistant's
 * colour utilities do).
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
    public int mireds() {
      return (int) Math.round(1_000_000.0 / kelvin);
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
      default -> new Kelvin((int) Math.round(1_000_000.0 / number(value, key, 25, 1000)));
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
      double h = hs.hue() / 60.0;
      double s = hs.saturation() / 100.0;
      double c = s;
      double x = c * (1 - Math.abs(h % 2 - 1));
      double[] rgb = switch ((int) Math.floor(h) % 6) {
        case 0 -> new double[] {c, x, 0};
        case 1 -> new double[] {x, c, 0};
        case 2 -> new double[] {0, c, x};
        case 3 -> new double[] {0, x, c};
        case 4 -> new double[] {x, 0, c};
        default -> new double[] {c, 0, x};
      };
      double m = 1 - c;
      return new Rgb((int) Math.round((rgb[0] + m) * 255), (int) Math.round((rgb[1] + m) * 255),
          (int) Math.round((rgb[2] + m) * 255));
    }
    if (this instanceof Xy xy) {
      double y = 1.0;
      double bigX = y / xy.y() * xy.x();
      double bigZ = y / xy.y() * (1 - xy.x() - xy.y());
      double r = bigX * 3.2406 - y * 1.5372 - bigZ * 0.4986;
      double g = -bigX * 0.9689 + y * 1.8758 + bigZ * 0.0415;
      double b = bigX * 0.0557 - y * 0.2040 + bigZ * 1.0570;
      double[] channels = {gamma(r), gamma(g), gamma(b)};
      double max = Math.max(channels[0], Math.max(channels[1], channels[2]));
      if (max > 1) {
        for (int i = 0; i < 3; i++) {
          channels[i] /= max;
        }
      }
      return new Rgb(channel(channels[0]), channel(channels[1]), channel(channels[2]));
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
    double x = r * 0.4124 + g * 0.3576 + b * 0.1805;
    double y = r * 0.2126 + g * 0.7152 + b * 0.0722;
    double z = r * 0.0193 + g * 0.1192 + b * 0.9505;
    double sum = x + y + z;
    if (sum == 0) {
      return new Xy(0, 0);
    }
    return new Xy(round4(x / sum), round4(y / sum));
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

  private static int channel(double c) {
    return (int) Math.round(Math.max(0, Math.min(1, c)) * 255);
  }

  private static int clamp(double c) {
    return (int) Math.round(Math.max(0, Math.min(255, c)));
  }

  private static double round4(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
