package io.pma.adapter.homeassistant;

import io.pma.domain.Refusal;
import static io.pma.adapter.homeassistant.ParamType.BOOLEAN;
import static io.pma.adapter.homeassistant.ParamType.BYTE;
import static io.pma.adapter.homeassistant.ParamType.FRACTION;
import static io.pma.adapter.homeassistant.ParamType.NUMBER;
import static io.pma.adapter.homeassistant.ParamType.PAIR;
import static io.pma.adapter.homeassistant.ParamType.PERCENT;
import static io.pma.adapter.homeassistant.ParamType.POSITIVE;
import static io.pma.adapter.homeassistant.ParamType.RGB;
import static io.pma.adapter.homeassistant.ParamType.STRING;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.adapter.ActionException;
import io.pma.adapter.EntityAction;
import io.pma.domain.Json;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one table of PMA entity actions per HA domain and the service call each becomes, e.g.
 * {@code set_brightness} on a light is {@code light.turn_on} with {@code brightness}. Stateless.
 */
final class ServiceCatalog {
  private static final Map<String, ParamType> COLOR = Map.of("rgb_color", RGB, "hs_color", PAIR,
      "xy_color", PAIR, "color_temp", POSITIVE, "color_temp_kelvin", POSITIVE, "color_name", STRING);
  private static final Map<String, ParamType> LEVEL = Map.of("brightness", BYTE,
      "brightness_pct", PERCENT, "transition", POSITIVE);
  private static final Map<String, Map<String, ActionSpec>> DOMAINS = buildTable();

  private ServiceCatalog() {}

  /** The service call for an action, or {@link ActionException} (UNSUPPORTED / INVALID_PARAMETERS). */
  static ServiceCall map(EntityAction action) {
    String entityId = action.entity().entityId().toString();
    String domain = action.entity().domain();
    Map<String, ActionSpec> actions = DOMAINS.getOrDefault(domain, Map.of());
    ActionSpec spec = actions.get(action.action());
    if (spec == null) {
      String supported = actions.isEmpty() ? "none" : String.join(", ", new TreeSet<>(actions.keySet()));
      throw new ActionException(Refusal.UNSUPPORTED, "action '" + action.action()
          + "' is not supported by " + entityId + " (supported: " + supported + ")");
    }
    ObjectNode data = checkedData(spec, action.parameters());
    convertMireds(data);
    return new ServiceCall(domain, spec.service(), entityId, data);
  }

  private static ObjectNode checkedData(ActionSpec spec, ObjectNode parameters) {
    ObjectNode data = Json.object();
    if (parameters != null) {
      Iterator<Map.Entry<String, JsonNode>> fields = parameters.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        ParamType type = spec.params().get(field.getKey());
        if (type == null) {
          throw ActionException.invalid("unknown parameter '" + field.getKey() + "'"
              + (spec.params().isEmpty() ? "; this action takes none"
                  : "; accepted: " + String.join(", ", new TreeSet<>(spec.params().keySet()))));
        }
        type.check(field.getKey(), field.getValue());
        data.set(field.getKey(), field.getValue().deepCopy());
      }
    }
    for (String name : spec.required()) {
      if (!data.has(name)) {
        throw ActionException.invalid("parameter '" + name + "' is required");
      }
    }
    if (!spec.anyOf().isEmpty() && spec.anyOf().stream().noneMatch(data::has)) {
      throw ActionException.invalid("one of the parameters "
          + String.join(", ", new TreeSet<>(spec.anyOf())) + " is required");
    }
    return data;
  }

  /** {@code color_temp} is taken in mireds, as HA had it; current HA takes kelvin only. */
  private static void convertMireds(ObjectNode data) {
    JsonNode mireds = data.remove("color_temp");
    if (mireds != null && !data.has("color_temp_kelvin")) {
      // Floored, as Home Assistant's own color_temperature_mired_to_kelvin.
      data.put("color_temp_kelvin", (long) Math.floor(1_000_000 / mireds.asDouble()));
    }
  }

  private static Map<String, Map<String, ActionSpec>> buildTable() {
    Map<String, Map<String, ActionSpec>> table = new LinkedHashMap<>();
    table.put("light", light());
    table.put("switch", onOff());
    table.put("input_boolean", onOff());
    table.put("cover", cover());
    table.put("climate", climate());
    table.put("lock", lock());
    table.put("fan", fan());
    table.put("media_player", mediaPlayer());
    table.put("scene", Map.of("turn_on", ActionSpec.of("turn_on").with("transition", POSITIVE)));
    table.put("script", onOff());
    table.put("automation", Map.of("turn_on", ActionSpec.of("turn_on"),
        "turn_off", ActionSpec.of("turn_off"), "toggle", ActionSpec.of("toggle"),
        "trigger", ActionSpec.of("trigger")));
    table.put("button", Map.of("press", ActionSpec.of("press")));
    table.put("input_button", Map.of("press", ActionSpec.of("press")));
    return Map.copyOf(table);
  }

  private static Map<String, ActionSpec> onOff() {
    return Map.of("turn_on", ActionSpec.of("turn_on"), "turn_off", ActionSpec.of("turn_off"),
        "toggle", ActionSpec.of("toggle"));
  }

  private static Map<String, ActionSpec> light() {
    ActionSpec on = ActionSpec.of("turn_on").with(LEVEL).with(COLOR).with("effect", STRING);
    return Map.of(
        "turn_on", on,
        "turn_off", ActionSpec.of("turn_off").with("transition", POSITIVE),
        "toggle", ActionSpec.of("toggle").with(LEVEL).with(COLOR),
        "set_brightness", ActionSpec.of("turn_on").with(LEVEL)
            .requiringOneOf(Set.of("brightness", "brightness_pct")),
        "set_color", ActionSpec.of("turn_on").with(COLOR).with(LEVEL)
            .requiringOneOf(COLOR.keySet()),
        "set_effect", ActionSpec.of("turn_on").requiring("effect", STRING));
  }

  private static Map<String, ActionSpec> cover() {
    return Map.of(
        "open", ActionSpec.of("open_cover"),
        "close", ActionSpec.of("close_cover"),
        "stop", ActionSpec.of("stop_cover"),
        "toggle", ActionSpec.of("toggle"),
        "set_position", ActionSpec.of("set_cover_position").requiring("position", PERCENT),
        "set_tilt_position", ActionSpec.of("set_cover_tilt_position")
            .requiring("tilt_position", PERCENT));
  }

  private static Map<String, ActionSpec> climate() {
    return Map.of(
        "turn_on", ActionSpec.of("turn_on"),
        "turn_off", ActionSpec.of("turn_off"),
        "set_temperature", ActionSpec.of("set_temperature").with(Map.of("temperature", NUMBER,
                "target_temp_low", NUMBER, "target_temp_high", NUMBER, "hvac_mode", STRING))
            .requiringOneOf(Set.of("temperature", "target_temp_low", "target_temp_high")),
        "set_hvac_mode", ActionSpec.of("set_hvac_mode").requiring("hvac_mode", STRING),
        "set_fan_mode", ActionSpec.of("set_fan_mode").requiring("fan_mode", STRING),
        "set_preset_mode", ActionSpec.of("set_preset_mode").requiring("preset_mode", STRING));
  }

  private static Map<String, ActionSpec> lock() {
    return Map.of(
        "lock", ActionSpec.of("lock").with("code", STRING),
        "unlock", ActionSpec.of("unlock").with("code", STRING),
        "open", ActionSpec.of("open").with("code", STRING));
  }

  private static Map<String, ActionSpec> fan() {
    return Map.of(
        "turn_on", ActionSpec.of("turn_on").with("percentage", PERCENT).with("preset_mode", STRING),
        "turn_off", ActionSpec.of("turn_off"),
        "toggle", ActionSpec.of("toggle"),
        "set_percentage", ActionSpec.of("set_percentage").requiring("percentage", PERCENT),
        "set_preset_mode", ActionSpec.of("set_preset_mode").requiring("preset_mode", STRING),
        "oscillate", ActionSpec.of("oscillate").requiring("oscillating", BOOLEAN));
  }

  private static Map<String, ActionSpec> mediaPlayer() {
    Map<String, ActionSpec> actions = new LinkedHashMap<>(onOff());
    actions.put("play", ActionSpec.of("media_play"));
    actions.put("pause", ActionSpec.of("media_pause"));
    actions.put("play_pause", ActionSpec.of("media_play_pause"));
    actions.put("stop", ActionSpec.of("media_stop"));
    actions.put("next", ActionSpec.of("media_next_track"));
    actions.put("previous", ActionSpec.of("media_previous_track"));
    actions.put("volume_up", ActionSpec.of("volume_up"));
    actions.put("volume_down", ActionSpec.of("volume_down"));
    actions.put("set_volume", ActionSpec.of("volume_set").requiring("volume_level", FRACTION));
    actions.put("mute", ActionSpec.of("volume_mute").requiring("is_volume_muted", BOOLEAN));
    actions.put("select_source", ActionSpec.of("select_source").requiring("source", STRING));
    return Map.copyOf(actions);
  }
}
