package io.pma.adapter.mqtt;

import io.vertx.core.Vertx;
import java.util.List;

/**
 * What real bridges publish, byte for byte in shape: zigbee2mqtt discovery configs (long keys,
 * availability lists, {@code name: null}, {@code object_id}), ESPHome's abbreviated configs with
 * the {@code ~} base topic and Tasmota's default-schema light, plus their retained states.
 */
final class Devices {
  private Devices() {}

  /**
   * A zigbee2mqtt-like bridge on the broker at {@code port}, connected, having published each of
   * {@code lists}' messages retained, in order.
   */
  @SafeVarargs
  static MqttTestClient bridge(Vertx vertx, int port, List<Msg>... lists) {
    MqttTestClient bridge = MqttTestClient.connect(vertx, port, "zigbee2mqtt-bridge");
    for (List<Msg> messages : lists) {
      for (Msg message : messages) {
        bridge.publish(message.topic(), message.payload(), true);
      }
    }
    return bridge;
  }

  /** A message to publish. */
  record Msg(String topic, String payload) {}

  private static final String ORIGIN =
      "\"origin\":{\"name\":\"Zigbee2MQTT\",\"sw\":\"1.40.2\",\"url\":\"https://www.zigbee2mqtt.io\"}";
  private static final String BRIDGE_AVAILABILITY =
      "{\"topic\":\"zigbee2mqtt/bridge/state\",\"value_template\":\"{{ value_json.state }}\"}";

  private static String device(String ieee, String name, String manufacturer, String model) {
    return "\"device\":{\"identifiers\":[\"zigbee2mqtt_" + ieee + "\"],\"manufacturer\":\""
        + manufacturer + "\",\"model\":\"" + model + "\",\"name\":\"" + name
        + "\",\"sw_version\":\"2.3.087\",\"via_device\":\"zigbee2mqtt_bridge_0x00124b0022813c3e\"}";
  }

  static final Msg LAMP = new Msg("homeassistant/light/0x000b57fffec6a5b2/light/config", "{"
      + "\"availability\":[" + BRIDGE_AVAILABILITY + ",{\"topic\":\"zigbee2mqtt/Living Room Lamp/"
      + "availability\",\"value_template\":\"{{ value_json.state }}\"}],\"availability_mode\":\"all\","
      + "\"brightness\":true,\"brightness_scale\":254,"
      + "\"command_topic\":\"zigbee2mqtt/Living Room Lamp/set\","
      + device("0x000b57fffec6a5b2", "Living Room Lamp", "IKEA",
          "TRADFRI bulb E27 WS opal 980lm (LED1545G12)") + ","
      + "\"effect\":true,\"effect_list\":[\"blink\",\"breathe\",\"okay\",\"channel_change\","
      + "\"finish_effect\",\"stop_effect\"],\"max_mireds\":454,\"min_mireds\":250,"
      + "\"name\":null,\"object_id\":\"living_room_lamp\"," + ORIGIN + ",\"schema\":\"json\","
      + "\"state_topic\":\"zigbee2mqtt/Living Room Lamp\","
      + "\"supported_color_modes\":[\"color_temp\"],"
      + "\"unique_id\":\"0x000b57fffec6a5b2_light_zigbee2mqtt\"}");

  static final Msg PLUG = new Msg("homeassistant/switch/0x00158d0004a1b2c3/switch/config", "{"
      + "\"availability\":[" + BRIDGE_AVAILABILITY + "],"
      + "\"command_topic\":\"zigbee2mqtt/Coffee Machine/set\","
      + "\"json_attributes_topic\":\"zigbee2mqtt/Coffee Machine\","
      + device("0x00158d0004a1b2c3", "Coffee Machine", "Xiaomi", "ZNCZ02LM") + ","
      + "\"name\":null,\"object_id\":\"coffee_machine\"," + ORIGIN + ","
      + "\"payload_off\":\"OFF\",\"payload_on\":\"ON\",\"state_topic\":\"zigbee2mqtt/Coffee Machine\","
      + "\"unique_id\":\"0x00158d0004a1b2c3_switch_zigbee2mqtt\","
      + "\"value_template\":\"{{ value_json.state }}\"}");

  static final Msg TEMPERATURE = new Msg(
      "homeassistant/sensor/0x00158d00045d1e2f/temperature/config", "{"
      + "\"availability\":[" + BRIDGE_AVAILABILITY + "],"
      + device("0x00158d00045d1e2f", "Bedroom Sensor", "Aqara", "WSDCGQ11LM") + ","
      + "\"device_class\":\"temperature\",\"enabled_by_default\":true,\"name\":\"Temperature\","
      + "\"object_id\":\"bedroom_sensor_temperature\"," + ORIGIN + ",\"state_class\":\"measurement\","
      + "\"state_topic\":\"zigbee2mqtt/Bedroom Sensor\","
      + "\"unique_id\":\"0x00158d00045d1e2f_temperature_zigbee2mqtt\","
      + "\"unit_of_measurement\":\"°C\",\"value_template\":\"{{ value_json.temperature }}\"}");

  static final Msg HUMIDITY = new Msg(
      "homeassistant/sensor/0x00158d00045d1e2f/humidity/config", "{"
      + "\"availability\":[" + BRIDGE_AVAILABILITY + "],"
      + device("0x00158d00045d1e2f", "Bedroom Sensor", "Aqara", "WSDCGQ11LM") + ","
      + "\"device_class\":\"humidity\",\"enabled_by_default\":true,\"name\":\"Humidity\","
      + "\"object_id\":\"bedroom_sensor_humidity\"," + ORIGIN + ",\"state_class\":\"measurement\","
      + "\"state_topic\":\"zigbee2mqtt/Bedroom Sensor\","
      + "\"unique_id\":\"0x00158d00045d1e2f_humidity_zigbee2mqtt\","
      + "\"unit_of_measurement\":\"%\",\"value_template\":\"{{ value_json['humidity'] }}\"}");

  static final Msg MOTION = new Msg(
      "homeassistant/binary_sensor/0x00158d0005c3d4e5/occupancy/config", "{"
      + "\"availability\":[" + BRIDGE_AVAILABILITY + "],"
      + device("0x00158d0005c3d4e5", "Hallway Motion", "Aqara", "RTCGQ11LM") + ","
      + "\"device_class\":\"occupancy\",\"name\":\"Occupancy\","
      + "\"object_id\":\"hallway_motion_occupancy\"," + ORIGIN + ","
      + "\"payload_off\":false,\"payload_on\":true,\"state_topic\":\"zigbee2mqtt/Hallway Motion\","
      + "\"unique_id\":\"0x00158d0005c3d4e5_occupancy_zigbee2mqtt\","
      + "\"value_template\":\"{{ value_json.occupancy }}\"}");

  static final Msg BLIND = new Msg("homeassistant/cover/0x0c4314fffe1a2b3c/cover/config", "{"
      + "\"availability\":[" + BRIDGE_AVAILABILITY + "],"
      + "\"command_topic\":\"zigbee2mqtt/Bedroom Blind/set\","
      + device("0x0c4314fffe1a2b3c", "Bedroom Blind", "IKEA", "E1757") + ","
      + "\"name\":null,\"object_id\":\"bedroom_blind\"," + ORIGIN + ","
      + "\"payload_close\":\"CLOSE\",\"payload_open\":\"OPEN\",\"payload_stop\":\"STOP\","
      + "\"position_template\":\"{{ value_json.position }}\","
      + "\"position_topic\":\"zigbee2mqtt/Bedroom Blind\","
      + "\"set_position_template\":\"{ \\\"position\\\": {{ position }} }\","
      + "\"set_position_topic\":\"zigbee2mqtt/Bedroom Blind/set\","
      + "\"state_closing\":\"DOWN\",\"state_opening\":\"UP\",\"state_stopped\":\"STOP\","
      + "\"state_topic\":\"zigbee2mqtt/Bedroom Blind\","
      + "\"unique_id\":\"0x0c4314fffe1a2b3c_cover_zigbee2mqtt\","
      + "\"value_template\":\"{% if \\\"moving\\\" in value_json and value_json.moving %} "
      + "{{ value_json.moving }} {% else %} STOP {% endif %}\"}");

  static final Msg RADIATOR = new Msg("homeassistant/climate/0x847127fffe9a8b7c/climate/config",
      "{\"action_template\":\"{% set values = {None:None,'idle':'idle','heat':'heating'} %}"
      + "{{ values[value_json.running_state] }}\","
      + "\"action_topic\":\"zigbee2mqtt/Radiator Valve\","
      + "\"availability\":[" + BRIDGE_AVAILABILITY + "],"
      + "\"current_temperature_template\":\"{{ value_json.local_temperature }}\","
      + "\"current_temperature_topic\":\"zigbee2mqtt/Radiator Valve\","
      + device("0x847127fffe9a8b7c", "Radiator Valve", "Danfoss", "014G2461") + ","
      + "\"max_temp\":\"35\",\"min_temp\":\"5\","
      + "\"mode_command_topic\":\"zigbee2mqtt/Radiator Valve/set/system_mode\","
      + "\"mode_state_template\":\"{{ value_json.system_mode }}\","
      + "\"mode_state_topic\":\"zigbee2mqtt/Radiator Valve\",\"modes\":[\"off\",\"heat\"],"
      + "\"name\":null,\"object_id\":\"radiator_valve\"," + ORIGIN + ",\"temp_step\":0.5,"
      + "\"temperature_command_topic\":\"zigbee2mqtt/Radiator Valve/set/occupied_heating_setpoint\","
      + "\"temperature_state_template\":\"{{ value_json.occupied_heating_setpoint }}\","
      + "\"temperature_state_topic\":\"zigbee2mqtt/Radiator Valve\",\"temperature_unit\":\"C\","
      + "\"unique_id\":\"0x847127fffe9a8b7c_climate_zigbee2mqtt\"}");

  static final Msg DOOR_LOCK = new Msg("homeassistant/lock/0x00124b002a5f6e7d/lock/config", "{"
      + "\"availability\":[" + BRIDGE_AVAILABILITY + "],"
      + "\"command_topic\":\"zigbee2mqtt/Front Door/set\","
      + device("0x00124b002a5f6e7d", "Front Door", "Yale", "YRD226HA2619") + ","
      + "\"name\":null,\"object_id\":\"front_door\"," + ORIGIN + ","
      + "\"payload_lock\":\"LOCK\",\"payload_unlock\":\"UNLOCK\",\"state_locked\":\"LOCK\","
      + "\"state_topic\":\"zigbee2mqtt/Front Door\",\"state_unlocked\":\"UNLOCK\","
      + "\"unique_id\":\"0x00124b002a5f6e7d_lock_zigbee2mqtt\","
      + "\"value_template\":\"{{ value_json.state }}\"}");

  /** ESPHome: abbreviated keys, the "~" base topic, a plain availability topic. */
  static final Msg FAN = new Msg("homeassistant/fan/esphome-fan/ceiling_fan/config", "{"
      + "\"~\":\"esphome-fan/fan/ceiling_fan\",\"name\":\"Ceiling Fan\",\"stat_t\":\"~/state\","
      + "\"cmd_t\":\"~/command\",\"pct_stat_t\":\"~/speed_level/state\","
      + "\"pct_cmd_t\":\"~/speed_level/command\",\"spd_rng_max\":3,"
      + "\"osc_stat_t\":\"~/oscillation/state\",\"osc_cmd_t\":\"~/oscillation/command\","
      + "\"avty_t\":\"esphome-fan/status\",\"uniq_id\":\"ESPfanceiling_fan\","
      + "\"dev\":{\"ids\":\"a4cf12b3c4d5\",\"name\":\"esphome-fan\","
      + "\"sw\":\"esphome v2024.6.1 Jun 20 2024\",\"mdl\":\"esp32dev\",\"mf\":\"espressif\","
      + "\"sa\":\"Bedroom\"}}");

  /** Tasmota: a default-schema light with brightness on its own topics (Dimmer 0-100). */
  static final Msg DESK_LAMP = new Msg("homeassistant/light/A1B2C3_LI_1/config", "{"
      + "\"name\":\"Desk Lamp\",\"cmd_t\":\"cmnd/desk/POWER\",\"stat_t\":\"stat/desk/RESULT\","
      + "\"stat_val_tpl\":\"{{value_json.POWER}}\",\"pl_off\":\"OFF\",\"pl_on\":\"ON\","
      + "\"avty_t\":\"tele/desk/LWT\",\"pl_avail\":\"Online\",\"pl_not_avail\":\"Offline\","
      + "\"uniq_id\":\"A1B2C3_LI_1\",\"dev\":{\"cns\":[[\"mac\",\"A1B2C3D4E5F6\"]]},"
      + "\"bri_cmd_t\":\"cmnd/desk/Dimmer\",\"bri_stat_t\":\"tele/desk/STATE\",\"bri_scl\":100,"
      + "\"on_cmd_type\":\"brightness\",\"bri_val_tpl\":\"{{value_json.Dimmer}}\"}");

  static final List<Msg> CONFIGS = List.of(LAMP, PLUG, TEMPERATURE, HUMIDITY, MOTION, BLIND,
      RADIATOR, DOOR_LOCK, FAN, DESK_LAMP);

  static final List<String> ENTITY_IDS = List.of("light.living_room_lamp",
      "switch.coffee_machine", "sensor.bedroom_sensor_temperature",
      "sensor.bedroom_sensor_humidity", "binary_sensor.hallway_motion_occupancy",
      "cover.bedroom_blind", "climate.radiator_valve", "lock.front_door", "fan.esphome_fan_ceiling_fan",
      "light.desk_lamp");

  /** Retained availability and states, as the bridges leave them on the broker. */
  static final List<Msg> STATES = List.of(
      new Msg("zigbee2mqtt/bridge/state", "{\"state\":\"online\"}"),
      new Msg("zigbee2mqtt/Living Room Lamp/availability", "{\"state\":\"online\"}"),
      new Msg("zigbee2mqtt/Living Room Lamp", "{\"brightness\":254,\"color_mode\":\"color_temp\","
          + "\"color_temp\":370,\"linkquality\":120,\"state\":\"ON\",\"update\":{\"state\":\"idle\"}}"),
      new Msg("zigbee2mqtt/Coffee Machine", "{\"consumption\":0.31,\"linkquality\":72,"
          + "\"power\":0,\"state\":\"OFF\",\"temperature\":31}"),
      new Msg("zigbee2mqtt/Bedroom Sensor", "{\"battery\":97,\"humidity\":48.21,"
          + "\"linkquality\":87,\"power_outage_count\":3,\"pressure\":1012.4,"
          + "\"temperature\":21.37,\"voltage\":3005}"),
      new Msg("zigbee2mqtt/Hallway Motion", "{\"battery\":100,\"illuminance\":12,"
          + "\"linkquality\":63,\"occupancy\":false,\"voltage\":3025}"),
      new Msg("zigbee2mqtt/Bedroom Blind", "{\"battery\":80,\"linkquality\":58,"
          + "\"position\":40,\"state\":\"OPEN\"}"),
      new Msg("zigbee2mqtt/Radiator Valve", "{\"battery\":90,\"linkquality\":99,"
          + "\"local_temperature\":19.5,\"occupied_heating_setpoint\":21,"
          + "\"running_state\":\"heat\",\"system_mode\":\"heat\"}"),
      new Msg("zigbee2mqtt/Front Door", "{\"battery\":77,\"linkquality\":90,"
          + "\"lock_state\":\"locked\",\"state\":\"LOCK\"}"),
      new Msg("esphome-fan/status", "online"),
      new Msg("esphome-fan/fan/ceiling_fan/state", "ON"),
      new Msg("esphome-fan/fan/ceiling_fan/speed_level/state", "2"),
      new Msg("esphome-fan/fan/ceiling_fan/oscillation/state", "oscillate_off"),
      new Msg("tele/desk/LWT", "Online"),
      new Msg("stat/desk/RESULT", "{\"POWER\":\"OFF\"}"),
      new Msg("tele/desk/STATE", "{\"Time\":\"2026-01-01T12:00:00\",\"POWER\":\"OFF\","
          + "\"Dimmer\":60}"));
}
