package io.pma.adapter.mqtt;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The English names Home Assistant gives device classes ("energy" → "Energy", "pm25" →
 * "PM2.5"), used for entities that are named after their class.
 */
final class DeviceClassNames {
  /** The components whose unnamed entities take their device class's name in Home Assistant. */
  static final Set<String> NAMED_BY_CLASS = Set.of("sensor", "binary_sensor", "button");

  /** The names that are not simply the class with spaces and a capital first letter. */
  private static final Map<String, String> SPECIAL = Map.ofEntries(
      Map.entry("aqi", "Air quality index"),
      Map.entry("co", "Carbon monoxide"),
      Map.entry("co2", "Carbon dioxide"),
      Map.entry("nitrogen_dioxide", "Nitrogen dioxide"),
      Map.entry("ph", "pH"),
      Map.entry("pm1", "PM1"),
      Map.entry("pm10", "PM10"),
      Map.entry("pm25", "PM2.5"),
      Map.entry("volatile_organic_compounds", "VOCs"),
      Map.entry("volatile_organic_compounds_parts", "VOCs"));

  private DeviceClassNames() {}

  /** The class's name, or null for no class. */
  static String of(String deviceClass) {
    if (deviceClass == null || deviceClass.isBlank()) {
      return null;
    }
    String special = SPECIAL.get(deviceClass);
    if (special != null) {
      return special;
    }
    String words = deviceClass.replace('_', ' ');
    return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
  }
}
