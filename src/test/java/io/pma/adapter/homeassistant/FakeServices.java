package io.pma.adapter.homeassistant;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Set;

/**
 * The services the fake offers, with the service-data keys HA's schemas accept (others are
 * refused like voluptuous does: {@code extra keys not allowed}), and what each does to an entity
 * of its domain, the way HA's integrations change their states. Stateless.
 */
final class FakeServices {
  private static final Set<String> LIGHT_ON = Set.of("brightness", "brightness_pct", "rgb_color",
      "hs_color", "xy_color", "color_temp_kelvin", "color_name", "transition", "effect");
  private static final Map<String, Set<String>> SERVICES = Map.ofEntries(
      Map.entry("light.turn_on", LIGHT_ON), Map.entry("light.toggle", LIGHT_ON),
      Map.entry("light.turn_off", Set.of("transition")),
      Map.entry("switch.turn_on", Set.of()), Map.entry("switch.turn_off", Set.of()),
      Map.entry("switch.toggle", Set.of()),
      Map.entry("cover.open_cover", Set.of()), Map.entry("cover.close_cover", Set.of()),
      Map.entry("cover.stop_cover", Set.of()), Map.entry("cover.set_cover_position", Set.of("position")),
      Map.entry("climate.set_temperature", Set.of("temperature", "target_temp_low",
          "target_temp_high", "hvac_mode")),
      Map.entry("climate.set_hvac_mode", Set.of("hvac_mode")),
      Map.entry("lock.lock", Set.of("code")), Map.entry("lock.unlock", Set.of("code")),
      Map.entry("fan.turn_on", Set.of("percentage", "preset_mode")), Map.entry("fan.turn_off", Set.of()),
      Map.entry("fan.set_percentage", Set.of("percentage")),
      Map.entry("media_player.media_play", Set.of()), Map.entry("media_player.media_pause", Set.of()),
      Map.entry("media_player.volume_set", Set.of("volume_level")));

  private FakeServices() {}

  static boolean exists(String domain, String service) {
    return SERVICES.containsKey(domain + "." + service);
  }

  /** The first key HA's schema would refuse, or null. */
  static String extraKey(String domain, String service, ObjectNode data) {
    Set<String> allowed = SERVICES.get(domain + "." + service);
    var names = data.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name) && !"entity_id".equals(name)) {
        return name;
      }
    }
    return null;
  }

  /** The entity's next state: writes into {@code attributes} and returns the state string. */
  static String apply(String service, String state, ObjectNode attributes, ObjectNode data) {
    switch (service) {
      case "turn_on":
        copy(data, attributes, "rgb_color", "color_temp_kelvin", "percentage");
        if (data.has("brightness_pct")) {
          attributes.put("brightness", Math.round(data.get("brightness_pct").asDouble() * 255 / 100));
        }
        copy(data, attributes, "brightness");
        return "on";
      case "turn_off":
        attributes.putNull("brightness");
        return "off";
      case "toggle":
        return "on".equals(state) ? apply("turn_off", state, attributes, data)
            : apply("turn_on", state, attributes, data);
      case "open_cover":
        attributes.put("current_position", 100);
        return "open";
      case "close_cover":
        attributes.put("current_position", 0);
        return "closed";
      case "set_cover_position":
        attributes.set("current_position", data.get("position"));
        return data.get("position").asDouble() > 0 ? "open" : "closed";
      case "set_temperature":
        copy(data, attributes, "temperature", "target_temp_low", "target_temp_high");
        return data.has("hvac_mode") ? data.get("hvac_mode").asText() : state;
      case "set_hvac_mode":
        return data.get("hvac_mode").asText();
      case "lock":
        return "locked";
      case "unlock":
        return "unlocked";
      case "set_percentage":
        copy(data, attributes, "percentage");
        return data.get("percentage").asDouble() > 0 ? "on" : "off";
      case "media_play":
        return "playing";
      case "media_pause":
        return "paused";
      case "volume_set":
        copy(data, attributes, "volume_level");
        return state;
      default:
        return state;
    }
  }

  private static void copy(ObjectNode from, ObjectNode to, String... names) {
    for (String name : names) {
      JsonNode value = from.get(name);
      if (value != null) {
        to.set(name, value.deepCopy());
      }
    }
  }
}
