package io.pma.history;

import java.util.Map;

/**
 * What a state change is called in the logbook, by domain and device class, in the words Home
 * Assistant's logbook uses: "turned on", "opened", "unlocked", "became unavailable". Pure.
 */
final class LogbookPhrases {
  private static final Map<String, String> OPENINGS = Map.of("on", "opened", "off", "closed");
  private static final Map<String, String> MOTION = Map.of("on", "detected motion",
      "off", "cleared (no motion detected)");
  private static final Map<String, String> PRESENCE = Map.of("on", "detected occupancy",
      "off", "cleared (no occupancy detected)");
  private static final Map<String, String> LOCK = Map.of("locked", "locked", "unlocked",
      "unlocked", "locking", "is locking", "unlocking", "is unlocking", "jammed", "is jammed");
  private static final Map<String, String> COVER = Map.of("open", "opened", "closed", "closed",
      "opening", "is opening", "closing", "is closing");
  private static final Map<String, String> ON_OFF = Map.of("on", "turned on", "off",
      "turned off");
  private static final Map<String, String> PERSON = Map.of("home", "arrived home", "not_home",
      "left home");

  private LogbookPhrases() {}

  static String phrase(String domain, String deviceClass, String state) {
    if ("unavailable".equals(state)) {
      return "became unavailable";
    }
    if ("unknown".equals(state)) {
      return "became unknown";
    }
    String phrase = table(domain, deviceClass).get(state);
    return phrase != null ? phrase : "changed to " + state;
  }

  private static Map<String, String> table(String domain, String deviceClass) {
    switch (domain) {
      case "binary_sensor":
        if (deviceClass == null) {
          return ON_OFF;
        }
        switch (deviceClass) {
          case "door", "garage_door", "window", "opening":
            return OPENINGS;
          case "motion":
            return MOTION;
          case "occupancy", "presence":
            return PRESENCE;
          default:
            return ON_OFF;
        }
      case "lock":
        return LOCK;
      case "cover":
        return COVER;
      case "person", "device_tracker":
        return PERSON;
      default:
        return ON_OFF;
    }
  }
}
