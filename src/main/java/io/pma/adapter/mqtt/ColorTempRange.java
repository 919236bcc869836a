package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The colour temperature range of a light that supports {@code color_temp}, from its config's
 * {@code min_mireds}/{@code max_mireds} (or {@code min_kelvin}/{@code max_kelvin} with
 * {@code color_temp_kelvin: true}), with Home Assistant's defaults. Shown as the attributes a
 * colour temperature control needs: {@code min_mireds}, {@code max_mireds},
 * {@code min_color_temp_kelvin}, {@code max_color_temp_kelvin}.
 */
record ColorTempRange(int minMireds, int maxMireds) {

  static ColorTempRange parse(ConfigReader config) throws InvalidConfigException {
    if (config.bool("color_temp_kelvin", false)) {
      int minKelvin = config.integer("min_kelvin", 2000, 1, 1_000_000);
      int maxKelvin = config.integer("max_kelvin", 6535, minKelvin, 1_000_000);
      return new ColorTempRange(mireds(maxKelvin), mireds(minKelvin));
    }
    int min = config.integer("min_mireds", 153, 1, 1_000_000);
    return new ColorTempRange(min, config.integer("max_mireds", 500, min, 1_000_000));
  }

  /** Floored, as Home Assistant's color_temperature_kelvin_to_mired (and back). */
  private static int mireds(int kelvinOrMireds) {
    return (int) Math.floor(1_000_000.0 / kelvinOrMireds);
  }

  void describe(ObjectNode attributes) {
    attributes.put("min_mireds", minMireds);
    attributes.put("max_mireds", maxMireds);
    attributes.put("min_color_temp_kelvin", mireds(maxMireds));
    attributes.put("max_color_temp_kelvin", mireds(minMireds));
  }
}
