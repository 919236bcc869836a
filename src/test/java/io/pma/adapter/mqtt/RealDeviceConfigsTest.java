package io.pma.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.Await;
import io.pma.TestServer;
import io.pma.domain.Json;
import io.vertx.core.Vertx;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Discovery configs that the devices' own software produced — zigbee2mqtt's Home Assistant
 * extension over zigbee-herdsman-converters' definitions, Tasmota's, ESPHome's and Shelly's
 * discovery output ({@code src/test/resources/mqtt/devices}, see docs/MQTT.md) — published with
 * the devices' states to a real Mosquitto, read by a real PMA server: every entity, its state and
 * attributes over REST, and the exact command payloads its actions publish.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RealDeviceConfigsTest {
  private static final List<String> FIXTURES = List.of("zigbee2mqtt.json", "tasmota.json",
      "esphome.json", "shelly.json");
  /** {{ value_json.x }} or {{ value_json["x"] }}: the state is the JSON value itself. */
  private static final Pattern PLAIN_VALUE =
      Pattern.compile("\\{\\{ ?value_json(?:\\.(\\w+)|\\[\"(\\w+)\"]) ?}}");

  private Mosquitto mosquitto;
  private Vertx vertx;
  private MqttTestClient devices;
  private TestServer server;
  private String token;
  private final List<Msg> configs = new ArrayList<>();
  /** The last state message per topic, as the devices left them retained. */
  private final Map<String, String> states = new HashMap<>();

  /** A message to publish. */
  record Msg(String topic, String payload) {}

  /** One fixture file: discovery configs and the retained states that go with them. */
  record Fixture(String source, List<Msg> configs, List<Msg> states) {
    static Fixture load(String name) {
      try (InputStream in = RealDeviceConfigsTest.class.getResourceAsStream(
          "/mqtt/devices/" + name)) {
        JsonNode root = Json.MAPPER.readTree(in);
        return new Fixture(root.path("source").asText(), messages(root.path("messages")),
            messages(root.path("states")));
      } catch (IOException e) {
        throw new IllegalStateException(name, e);
      }
    }

    private static List<Msg> messages(JsonNode list) {
      List<Msg> out = new ArrayList<>();
      list.forEach(m -> out.add(new Msg(m.get("topic").asText(), m.get("payload").asText())));
      return out;
    }
  }

  /** A discovery config of a component PMA models, and the entity it must become. */
  record Expected(String topic, String component, JsonNode config, String entityId) {}

  @BeforeAll
  void start() {
    mosquitto = Mosquitto.start();
    vertx = Vertx.vertx();
    devices = MqttTestClient.connect(vertx, mosquitto.port(), "devices");
    // Every topic, once: a subscription made just before an action could reach the broker after
    // PMA's command (the client's subscribe completes when the packet is written).
    devices.subscribe("#");
    for (String name : FIXTURES) {
      Fixture fixture = Fixture.load(name);
      assertThat(fixture.source()).as(name + " names its source").isNotBlank();
      for (Msg m : fixture.configs()) {
        devices.publish(m.topic(), m.payload(), true);
        configs.add(m);
      }
      for (Msg m : fixture.states()) {
        devices.publish(m.topic(), m.payload(), true);
        states.put(m.topic(), m.payload());
      }
    }
    server = TestServer.start(Map.of("PMA_MQTT_URL", mosquitto.url(),
        "PMA_MQTT_DISCOVERY_SETTLE_MS", "100"));
    token = server.adminToken();
    List<Expected> expected = expected();
    Await.until(expected.size() + " discovered entities, available, with their retained states",
        () -> {
          JsonNode all = get("/api/v1/entities?source=mqtt");
          Set<String> available = new java.util.HashSet<>();
          all.forEach(e -> {
            if (e.path("available").asBoolean()) {
              available.add(e.path("entity_id").asText());
            }
          });
          return all.size() == expected.size() && available.size() == expected.size()
              && retainedStatesRead();
        });
  }

  /**
   * Whether the last retained states of each fixture were read; the entities with several state
   * topics (thermostat, fan) need all of theirs.
   */
  private boolean retainedStatesRead() {
    JsonNode thermostat = entity("climate.garage_node_thermostat").path("attributes");
    JsonNode fan = entity("fan.garage_node_exhaust_fan").path("attributes");
    return "on".equals(entity("light.kitchen_panel").path("state").asText())
        && "70".equals(entity("sensor.washer_status").path("state").asText())
        && "21.4".equals(entity("sensor.sonoff_th_am2301_temperature").path("state").asText())
        && entity("cover.patio_blind").path("attributes").has("current_position")
        && "locked".equals(entity("lock.garage_node_side_door").path("state").asText())
        && thermostat.has("hvac_action") && thermostat.has("temperature")
        && thermostat.has("current_temperature") && fan.has("percentage")
        && fan.has("oscillating") && "on".equals(entity("fan.garage_node_exhaust_fan")
            .path("state").asText())
        && "229.8".equals(entity("sensor.shellyplus1pm_c4dd57a1b2c3_virtual_switch_sensors_v")
            .path("state").asText())
        && "41.3".equals(entity("sensor.shellyplus1_a8032ab12345_temperature").path("state")
            .asText());
  }

  @BeforeEach
  void forgetCommands() {
    devices.clear();
  }

  @AfterAll
  void stop() {
    server.close();
    devices.close();
    Await.result(vertx.close());
    mosquitto.close();
  }

  private List<Expected> expected() {
    List<Expected> out = new ArrayList<>();
    for (Msg m : configs) {
      if (m.payload().isEmpty()) {
        continue;
      }
      String component = m.topic().split("/")[1];
      if (!Components.SUPPORTED.contains(component)) {
        continue;
      }
      JsonNode config = json(m.payload());
      // zigbee2mqtt suggests the id; the others' ids follow from their names (see the tests).
      out.add(new Expected(m.topic(), component, config,
          config.path("default_entity_id").asText(null)));
    }
    return out;
  }

  private static JsonNode json(String text) {
    try {
      return Json.MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalStateException(text, e);
    }
  }

  private JsonNode get(String path) {
    TestServer.Response response = server.request("GET", path, token, null);
    assertThat(response.status()).as(path).isEqualTo(200);
    return response.json();
  }

  private JsonNode entity(String id) {
    return get("/api/v1/entities/" + id);
  }

  private void act(String id, String action, String parameters) {
    TestServer.Response response = server.request("POST", "/api/v1/entities/" + id + "/action",
        token, "{\"action\":\"" + action + "\"" + (parameters == null ? ""
            : ",\"parameters\":" + parameters) + "}");
    assertThat(response.status()).as(id + " " + action + ": " + response.body()).isEqualTo(202);
  }

  /** A device reports: published live, and remembered as the latest state of its topic. */
  private void report(String topic, String payload) {
    devices.publish(topic, payload, false);
    states.put(topic, payload);
  }

  /** Acts and returns the one payload that arrived on {@code topic}. */
  private String command(String id, String action, String parameters, String topic) {
    devices.clear();
    act(id, action, parameters);
    return devices.next(topic).payload();
  }

  @Test
  @DisplayName("zigbee2mqtt: every generated entity with its domain, name, attributes and state")
  void zigbee2mqttEntities() {
    int checked = 0;
    int states = 0;
    for (Expected e : expected()) {
      JsonNode config = e.config();
      if (!"Zigbee2MQTT".equals(config.path("origin").path("name").asText())) {
        continue;
      }
      checked++;
      JsonNode entity = entity(e.entityId());
      assertThat(entity.path("domain").asText()).as(e.entityId()).isEqualTo(e.component());
      assertThat(entity.path("available").asBoolean()).as(e.entityId() + " available").isTrue();
      String device = config.path("device").path("name").asText();
      assertThat(entity.path("name").asText()).as(e.entityId() + " name").isEqualTo(
          name(config, e.component(), device));
      JsonNode attributes = entity.path("attributes");
      for (String key : List.of("device_class", "unit_of_measurement", "state_class",
          "entity_category", "icon")) {
        assertThat(attributes.path(key).asText(null)).as(e.entityId() + " " + key)
            .isEqualTo(config.path(key).asText(null));
      }
      assertThat(attributes.path("origin").toString()).as(e.entityId() + " origin").isEqualTo(
          "{\"name\":\"Zigbee2MQTT\",\"sw_version\":\"2.14.1\","
              + "\"support_url\":\"https://www.zigbee2mqtt.io\"}");
      String expectedState = plainState(e);
      if (expectedState != null) {
        states++;
        assertThat(entity.path("state").asText()).as(e.entityId() + " state")
            .isEqualTo(expectedState);
      }
    }
    // 27 devices: every light, switch, sensor, binary sensor, cover, lock, climate, fan, button.
    assertThat(checked).isEqualTo(195);
    assertThat(states).isGreaterThan(100);
  }

  /**
   * Home Assistant's name: the device's for {@code name: null}, "device name" otherwise; a
   * config without a name takes its device class's (zigbee2mqtt's sensors leave it out).
   */
  private static String name(JsonNode config, String component, String device) {
    if (config.has("name")) {
      return config.get("name").isNull() ? device : device + " " + config.get("name").asText();
    }
    if (config.has("device_class") && DeviceClassNames.NAMED_BY_CLASS.contains(component)) {
      return device + " " + DeviceClassNames.of(config.get("device_class").asText());
    }
    return device;
  }

  /**
   * The state a plain {@code {{ value_json.x }}} template gives for the device's retained
   * message, or null when the template is not plain or the message has no such value.
   */
  private String plainState(Expected e) {
    JsonNode config = e.config();
    Matcher plain = PLAIN_VALUE.matcher(config.path("value_template").asText(""));
    String payload = states.get(config.path("state_topic").asText());
    if (!plain.matches() || payload == null) {
      return null;
    }
    JsonNode value = json(payload).get(plain.group(1) != null ? plain.group(1) : plain.group(2));
    if (value == null || value.isContainerNode()) {
      return null;
    }
    switch (e.component()) {
      case "sensor":
        return value.asText();
      case "binary_sensor":
        return value.equals(config.path("payload_on")) ? "on"
            : value.equals(config.path("payload_off")) ? "off" : "unexpected " + value;
      case "switch":
        return value.asText().equals(config.path("state_on").asText(
            config.path("payload_on").asText())) ? "on" : "off";
      case "lock":
        return value.asText().equals(config.path("state_locked").asText()) ? "locked" : "unlocked";
      default:
        return null;
    }
  }

  @Test
  @DisplayName("zigbee2mqtt: every switch, button, light, cover, lock, thermostat and fan commands")
  void zigbee2mqttSwitchesAndButtons() {
    int switches = 0;
    int buttons = 0;
    int others = 0;
    for (Expected e : expected()) {
      JsonNode config = e.config();
      if (!"Zigbee2MQTT".equals(config.path("origin").path("name").asText())) {
        continue;
      }
      String topic = config.path("command_topic").asText();
      if (e.component().equals("switch")) {
        switches++;
        assertThat(command(e.entityId(), "turn_off", null, topic)).as(e.entityId())
            .isEqualTo(config.path("payload_off").asText());
      } else if (e.component().equals("button")) {
        buttons++;
        assertThat(command(e.entityId(), "press", null, topic)).as(e.entityId())
            .isEqualTo(config.path("payload_press").asText());
      } else if (e.component().equals("light")) {
        others++;
        assertThat(command(e.entityId(), "turn_off", null, topic)).as(e.entityId())
            .isEqualTo("{\"state\":\"OFF\"}");
      } else if (e.component().equals("cover")) {
        others++;
        assertThat(command(e.entityId(), "close", null, topic)).as(e.entityId())
            .isEqualTo(config.path("payload_close").asText("CLOSE"));
      } else if (e.component().equals("lock")) {
        others++;
        assertThat(command(e.entityId(), "lock", null, topic)).as(e.entityId())
            .isEqualTo(config.path("payload_lock").asText("LOCK"));
      } else if (e.component().equals("climate")) {
        others++;
        String mode = config.path("modes").get(0).asText();
        assertThat(command(e.entityId(), "set_hvac_mode", "{\"hvac_mode\":\"" + mode + "\"}",
            config.path("mode_command_topic").asText())).as(e.entityId()).isEqualTo(mode);
      } else if (e.component().equals("fan")) {
        others++;
        assertThat(command(e.entityId(), "turn_on", null, topic)).as(e.entityId())
            .isEqualTo(config.path("payload_on").asText("ON"));
      }
    }
    assertThat(switches).isEqualTo(21);
    assertThat(buttons).isEqualTo(12);
    assertThat(others).isEqualTo(14);
  }

  @Test
  @DisplayName("zigbee2mqtt lights: colour, colour temperature and effect in and out")
  void zigbee2mqttLights() {
    JsonNode hue = entity("light.hue_go");
    assertThat(hue.path("state").asText()).isEqualTo("on");
    JsonNode attributes = hue.path("attributes");
    assertThat(attributes.path("supported_color_modes").toString())
        .isEqualTo("[\"xy\",\"color_temp\"]");
    assertThat(attributes.path("color_mode").asText()).isEqualTo("xy");
    assertThat(attributes.path("xy_color").toString()).isEqualTo("[0.4123,0.3971]");
    assertThat(attributes.path("brightness").asInt()).isEqualTo(128);
    assertThat(attributes.path("effect").asText()).isEqualTo("breathe");
    assertThat(attributes.path("effect_list").size()).isEqualTo(20);

    // The colour temperature range a control needs, from min_mireds/max_mireds.
    assertThat(attributes.path("min_mireds").asInt()).isEqualTo(153);
    assertThat(attributes.path("max_color_temp_kelvin").asInt()).isEqualTo(6535);
    JsonNode lamp = entity("light.living_room_lamp").path("attributes");
    assertThat(lamp.path("max_mireds").asInt()).isEqualTo(454);
    assertThat(lamp.path("min_color_temp_kelvin").asInt()).isEqualTo(2202);
    assertThat(lamp.path("max_color_temp_kelvin").asInt()).isEqualTo(4000);
    assertThat(lamp.path("color_mode").asText()).isEqualTo("color_temp");
    assertThat(lamp.path("color_temp").asInt()).isEqualTo(352);
    // 1,000,000 / 352 = 2840.9, floored as Home Assistant does.
    assertThat(lamp.path("color_temp_kelvin").asInt()).isEqualTo(2840);

    String set = "zigbee2mqtt/Hue Go/set";
    assertThat(command("light.hue_go", "turn_on", "{\"brightness\":64}", set))
        .isEqualTo("{\"state\":\"ON\",\"brightness\":64}");
    assertThat(command("light.hue_go", "set_color", "{\"xy_color\":[0.17,0.7]}", set))
        .isEqualTo("{\"state\":\"ON\",\"color\":{\"x\":0.17,\"y\":0.7}}");
    assertThat(command("light.hue_go", "set_color", "{\"hs_color\":[240,100]}", set))
        .isEqualTo("{\"state\":\"ON\",\"color\":{\"x\":0.136,\"y\":0.04}}");
    assertThat(command("light.hue_go", "set_color", "{\"color_temp_kelvin\":2700}", set))
        .isEqualTo("{\"state\":\"ON\",\"color_temp\":370}");
    assertThat(command("light.hue_go", "set_effect", "{\"effect\":\"colorloop\"}", set))
        .isEqualTo("{\"state\":\"ON\",\"effect\":\"colorloop\"}");
    assertThat(command("light.hue_go", "turn_off", null, set)).isEqualTo("{\"state\":\"OFF\"}");

    report("zigbee2mqtt/Hue Go", "{\"state\":\"ON\",\"brightness\":254,"
        + "\"color_mode\":\"color_temp\",\"color_temp\":250,\"color\":{\"x\":0.3,\"y\":0.3}}");
    Await.until("Hue Go in colour temperature mode", () -> entity("light.hue_go")
        .path("attributes").path("color_mode").asText().equals("color_temp"));
    assertThat(entity("light.hue_go").path("attributes").path("color_temp_kelvin").asInt())
        .isEqualTo(4000);
  }

  @Test
  @DisplayName("zigbee2mqtt covers, lock, climate and fans: templated state in, commands out")
  void zigbee2mqttCoversLockClimateFans() {
    JsonNode curtain = entity("cover.living_curtain");
    // {% if ... motor_state == "opening" %}opening{% elif ... %}: the curtain reports its motor.
    assertThat(curtain.path("state").asText()).isEqualTo("opening");
    assertThat(curtain.path("attributes").path("current_position").asInt()).isEqualTo(50);
    report("zigbee2mqtt/Living Curtain", "{\"state\":\"CLOSE\",\"position\":0,"
        + "\"running\":false,\"motor_state\":\"stopped\"}");
    Await.until("curtain closed", () -> entity("cover.living_curtain").path("state").asText()
        .equals("closed"));
    String blind = "zigbee2mqtt/Bedroom Blind/set";
    assertThat(command("cover.bedroom_blind", "set_position", "{\"position\":30}", blind))
        .isEqualTo("{ \"position\": 30 }");
    assertThat(command("cover.bedroom_blind", "open", null, blind)).isEqualTo("OPEN");
    assertThat(command("cover.bedroom_blind", "stop", null, blind)).isEqualTo("STOP");

    assertThat(entity("lock.front_lock").path("state").asText()).isEqualTo("locked");
    assertThat(command("lock.front_lock", "unlock", null, "zigbee2mqtt/Front Lock/set"))
        .isEqualTo("UNLOCK");

    JsonNode trv = entity("climate.kids_trv");
    assertThat(trv.path("state").asText()).isEqualTo("auto");
    JsonNode thermostat = trv.path("attributes");
    assertThat(thermostat.path("hvac_modes").toString()).isEqualTo("[\"off\",\"auto\",\"heat\"]");
    assertThat(thermostat.path("temperature").asDouble()).isEqualTo(17.5);
    assertThat(thermostat.path("current_temperature").asDouble()).isEqualTo(23.0);
    // {% set values = {None:None,'idle':'idle','heat':'heating',...} %}{{ values[...] }}
    assertThat(thermostat.path("hvac_action").asText()).isEqualTo("heating");
    assertThat(thermostat.path("min_temp").asDouble()).isEqualTo(5.0);
    assertThat(thermostat.path("max_temp").asDouble()).isEqualTo(30.0);
    assertThat(command("climate.kids_trv", "set_temperature", "{\"temperature\":21.5}",
        "zigbee2mqtt/Kids TRV/set/occupied_heating_setpoint")).isEqualTo("21.5");
    assertThat(command("climate.kids_trv", "set_hvac_mode", "{\"hvac_mode\":\"off\"}",
        "zigbee2mqtt/Kids TRV/set/system_mode")).isEqualTo("off");
    report("zigbee2mqtt/Kids TRV", "{\"system_mode\":\"heat\",\"running_state\":\"idle\","
        + "\"local_temperature\":21.5,\"occupied_heating_setpoint\":21.5}");
    Await.until("TRV idle", () -> entity("climate.kids_trv").path("attributes")
        .path("hvac_action").asText().equals("idle"));
    assertThat(entity("climate.kids_trv").path("state").asText()).isEqualTo("heat");

    JsonNode fan = entity("fan.ceiling_fan");
    assertThat(fan.path("state").asText()).isEqualTo("on");
    // fan_mode "medium": {'off':0, 'low':1, 'medium':2, 'high':3, 'on':4}, speeds 1..4 → 50 %.
    assertThat(fan.path("attributes").path("percentage").asInt()).isEqualTo(50);
    assertThat(command("fan.ceiling_fan", "set_percentage", "{\"percentage\":75}",
        "zigbee2mqtt/Ceiling Fan/set/fan_mode")).isEqualTo("high");
    assertThat(command("fan.ceiling_fan", "set_preset_mode", "{\"preset_mode\":\"smart\"}",
        "zigbee2mqtt/Ceiling Fan/set/fan_mode")).isEqualTo("smart");
    assertThat(command("fan.ceiling_fan", "turn_off", null,
        "zigbee2mqtt/Ceiling Fan/set/fan_state")).isEqualTo("OFF");
    JsonNode purifier = entity("fan.air_purifier").path("attributes");
    assertThat(purifier.path("preset_mode").asText()).isEqualTo("auto");
    assertThat(purifier.path("percentage_step").asDouble()).isEqualTo(100.0 / 9);
  }

  /** The state and attributes of the given entities, one line each, for a compact comparison. */
  private String summary(String... ids) {
    StringBuilder out = new StringBuilder();
    for (String id : ids) {
      JsonNode e = entity(id);
      // Keys sorted: attributes arrive in message order.
      Object attributes = Json.MAPPER.convertValue(e.path("attributes"), java.util.TreeMap.class);
      String sorted;
      try {
        sorted = Json.MAPPER.writeValueAsString(attributes);
      } catch (com.fasterxml.jackson.core.JsonProcessingException ex) {
        throw new IllegalStateException(ex);
      }
      out.append(id).append(" | ").append(e.path("name").asText()).append(" | ")
          .append(e.path("state").asText()).append(" | ").append(e.path("available").asBoolean())
          .append(" | ").append(sorted).append('\n');
    }
    return out.toString();
  }

  @Test
  @DisplayName("Tasmota: RGBCW bulb with colour mode template, energy sensors, status, shutter")
  void tasmota() {
    assertThat(summary("light.athom_bulb", "switch.washer", "sensor.washer_energy_total",
        "sensor.washer_energy_power", "sensor.washer_energy_factor",
        "sensor.sonoff_th_am2301_temperature", "sensor.sonoff_th_am2301_humidity",
        "cover.patio_blind")).isEqualTo("""
        light.athom_bulb | Athom Bulb | on | true | {"brightness":153,"color_mode":"hs",\
        "color_temp":153,"color_temp_kelvin":6535,"effect":"0","effect_list":["0","1","2","3",\
        "4"],"hs_color":[30.0,100.0],"max_color_temp_kelvin":6535,"max_mireds":500,\
        "min_color_temp_kelvin":2000,"min_mireds":153,"supported_color_modes":["hs","color_temp"]}
        switch.washer | Washer | on | true | {}
        sensor.washer_energy_total | Washer ENERGY Total | 123.456 | true |\s\
        {"device_class":"energy","state_class":"total_increasing","unit_of_measurement":"kWh"}
        sensor.washer_energy_power | Washer ENERGY Power | 1450 | true | {"device_class":"power",\
        "unit_of_measurement":"W"}
        sensor.washer_energy_factor | Washer ENERGY Factor | 0.97 | true |\s\
        {"device_class":"power_factor","unit_of_measurement":"Cos φ"}
        sensor.sonoff_th_am2301_temperature | Sonoff TH AM2301 Temperature | 21.4 | true |\s\
        {"device_class":"temperature","unit_of_measurement":"°C"}
        sensor.sonoff_th_am2301_humidity | Sonoff TH AM2301 Humidity | 48.2 | true |\s\
        {"device_class":"humidity","unit_of_measurement":"%"}
        cover.patio_blind | Patio Blind | open | true | {"current_position":40}
        """);
    JsonNode status = entity("sensor.washer_status");
    assertThat(status.path("state").asText()).isEqualTo("70");
    // json_attributes_topic: the device's HASS_STATE message becomes attributes.
    assertThat(status.path("attributes").path("Version").asText()).isEqualTo("13.1.0(tasmota)");
    assertThat(status.path("attributes").path("icon").asText()).isEqualTo("mdi:information-outline");

    // {%if value_json.White%}color_temp{%else%}hs{%endif %}: the white channel decides the mode.
    report("tele/athom_bulb/STATE", "{\"POWER\":\"ON\",\"Dimmer\":100,\"HSBColor\":\"30,100,0\","
        + "\"White\":100,\"CT\":370,\"Scheme\":0}");
    Await.until("bulb in colour temperature mode", () -> entity("light.athom_bulb")
        .path("attributes").path("color_mode").asText().equals("color_temp"));
    assertThat(entity("light.athom_bulb").path("attributes").path("brightness").asInt())
        .isEqualTo(255);
    report("tele/athom_bulb/STATE", "{\"POWER\":\"ON\",\"Dimmer\":60,\"HSBColor\":\"120,50,60\","
        + "\"White\":0,\"CT\":370,\"Scheme\":2}");
    Await.until("bulb in hs mode", () -> entity("light.athom_bulb")
        .path("attributes").path("color_mode").asText().equals("hs"));
    assertThat(entity("light.athom_bulb").path("attributes").path("hs_color").toString())
        .isEqualTo("[120.0,50.0]");

    // on_command_type "brightness": the colour, then the dimmer instead of POWER ON.
    devices.clear();
    act("light.athom_bulb", "set_color", "{\"hs_color\":[240,100]}");
    assertThat(devices.next("cmnd/athom_bulb/HSBColor").payload()).isEqualTo("240.0,100.0");
    assertThat(devices.next("cmnd/athom_bulb/Dimmer").payload()).isEqualTo("60");
    assertThat(command("light.athom_bulb", "set_color", "{\"color_temp_kelvin\":2700}",
        "cmnd/athom_bulb/CT")).isEqualTo("370");
    assertThat(command("light.athom_bulb", "set_effect", "{\"effect\":\"4\"}",
        "cmnd/athom_bulb/Scheme")).isEqualTo("4");
    assertThat(command("light.athom_bulb", "turn_on", "{\"brightness\":128}",
        "cmnd/athom_bulb/Dimmer")).isEqualTo("50");

    assertThat(command("switch.washer", "turn_off", null, "cmnd/washer/POWER")).isEqualTo("OFF");
    assertThat(command("cover.patio_blind", "open", null, "cmnd/blind/Backlog"))
        .isEqualTo("ShutterOpen1");
    assertThat(command("cover.patio_blind", "set_position", "{\"position\":30}",
        "cmnd/blind/ShutterPosition1")).isEqualTo("30");
    report("stat/blind/SHUTTER1", "0");
    Await.until("blind closed", () -> entity("cover.patio_blind").path("state").asText()
        .equals("closed"));
  }

  @Test
  @DisplayName("ESPHome: JSON RGB light, sensors, motion, relay, button, cover, climate, fan, lock")
  void esphome() {
    assertThat(summary("light.living_room_node_led_strip", "sensor.living_room_node_temperature",
        "sensor.living_room_node_daily_energy", "binary_sensor.living_room_node_motion",
        "switch.living_room_node_relay", "button.living_room_node_restart",
        "cover.garage_node_garage_door", "climate.garage_node_thermostat",
        "fan.garage_node_exhaust_fan", "lock.garage_node_side_door")).isEqualTo("""
        light.living_room_node_led_strip | Living Room Node LED Strip | on | true |\s\
        {"brightness":200,"color_mode":"rgb","effect":"None","effect_list":["Rainbow","Strobe",\
        "None"],"rgb_color":[255,128,0],"supported_color_modes":["rgb"]}
        sensor.living_room_node_temperature | Living Room Node Temperature | 21.4 | true |\s\
        {"device_class":"temperature","state_class":"measurement","unit_of_measurement":"°C"}
        sensor.living_room_node_daily_energy | Living Room Node Daily Energy | 1.234 | true |\s\
        {"device_class":"energy","state_class":"total_increasing","unit_of_measurement":"kWh"}
        binary_sensor.living_room_node_motion | Living Room Node Motion | on | true |\s\
        {"device_class":"motion"}
        switch.living_room_node_relay | Living Room Node Relay | off | true | {}
        button.living_room_node_restart | Living Room Node Restart | unknown | true |\s\
        {"device_class":"restart","entity_category":"config"}
        cover.garage_node_garage_door | Garage Node Garage Door | open | true |\s\
        {"current_position":100,"device_class":"garage"}
        climate.garage_node_thermostat | Garage Node Thermostat | heat | true |\s\
        {"current_temperature":18.6,"hvac_action":"heating","hvac_modes":["off","heat"],\
        "max_temp":30.0,"min_temp":7.0,"target_temp_step":0.5,"temperature":20.5}
        fan.garage_node_exhaust_fan | Garage Node Exhaust Fan | on | true | {"oscillating":false,\
        "percentage":66,"percentage_step":33.333333333333336}
        lock.garage_node_side_door | Garage Node Side Door | locked | true | {}
        """);
    assertThat(entity("light.living_room_node_led_strip").path("area").asText())
        .isEqualTo("Living Room");

    String strip = "living-room-node/light/led_strip/command";
    assertThat(command("light.living_room_node_led_strip", "set_color", "{\"hs_color\":[240,100]}",
        strip)).isEqualTo("{\"state\":\"ON\",\"color\":{\"r\":0,\"g\":0,\"b\":255}}");
    assertThat(command("light.living_room_node_led_strip", "set_effect",
        "{\"effect\":\"Rainbow\"}", strip)).isEqualTo("{\"state\":\"ON\",\"effect\":\"Rainbow\"}");
    assertThat(command("switch.living_room_node_relay", "turn_on", null,
        "living-room-node/switch/relay/command")).isEqualTo("ON");
    assertThat(command("button.living_room_node_restart", "press", null,
        "living-room-node/button/restart/command")).isEqualTo("PRESS");
    assertThat(command("cover.garage_node_garage_door", "close", null,
        "garage-node/cover/garage_door/command")).isEqualTo("CLOSE");
    assertThat(command("cover.garage_node_garage_door", "set_position", "{\"position\":30}",
        "garage-node/cover/garage_door/position/command")).isEqualTo("30");
    assertThat(command("climate.garage_node_thermostat", "set_temperature",
        "{\"temperature\":22}", "garage-node/climate/thermostat/target_temperature/command"))
        .isEqualTo("22.0");
    assertThat(command("climate.garage_node_thermostat", "set_hvac_mode",
        "{\"hvac_mode\":\"off\"}", "garage-node/climate/thermostat/mode/command")).isEqualTo("off");
    assertThat(command("fan.garage_node_exhaust_fan", "set_percentage", "{\"percentage\":100}",
        "garage-node/fan/exhaust_fan/speed_level/command")).isEqualTo("3");
    assertThat(command("fan.garage_node_exhaust_fan", "oscillate", "{\"oscillating\":true}",
        "garage-node/fan/exhaust_fan/oscillation/command")).isEqualTo("oscillate_on");
    assertThat(command("lock.garage_node_side_door", "unlock", null,
        "garage-node/lock/side_door/command")).isEqualTo("UNLOCK");

    report("living-room-node/sensor/temperature/state", "22.9");
    Await.until("temperature reported", () -> entity("sensor.living_room_node_temperature")
        .path("state").asText().equals("22.9"));
    report("garage-node/status", "offline");
    Await.until("garage node offline", () -> !entity("lock.garage_node_side_door")
        .path("available").asBoolean());
    report("garage-node/status", "online");
    Await.until("garage node online", () -> entity("lock.garage_node_side_door")
        .path("available").asBoolean());
  }

  @Test
  @DisplayName("Shelly script discovery: relay, input, temperature; a 1PM's switch and sensors")
  void shelly() {
    assertThat(summary("switch.shellyplus1_a8032ab12345_relay_0",
        "binary_sensor.shellyplus1_a8032ab12345_input_0",
        "sensor.shellyplus1_a8032ab12345_temperature",
        "switch.shellyplus1pm_c4dd57a1b2c3_virtual_switch_sensors_sw",
        "sensor.shellyplus1pm_c4dd57a1b2c3_virtual_switch_sensors_v")).isEqualTo("""
        switch.shellyplus1_a8032ab12345_relay_0 | shellyplus1-a8032ab12345-relay-0 | on | true |\s\
        {}
        binary_sensor.shellyplus1_a8032ab12345_input_0 | shellyplus1-a8032ab12345-input-0 |\s\
        off | true | {}
        sensor.shellyplus1_a8032ab12345_temperature | shellyplus1-a8032ab12345-temperature |\s\
        41.3 | true | {"device_class":"temperature","unit_of_measurement":"°C"}
        switch.shellyplus1pm_c4dd57a1b2c3_virtual_switch_sensors_sw |\s\
        shellyplus1pm-c4dd57a1b2c3 VIRTUAL_SWITCH_SENSORS_SW | on | true | {}
        sensor.shellyplus1pm_c4dd57a1b2c3_virtual_switch_sensors_v |\s\
        shellyplus1pm-c4dd57a1b2c3 VIRTUAL_SWITCH_SENSORS_V | 229.8 | true | {}
        """);
    assertThat(command("switch.shellyplus1_a8032ab12345_relay_0", "turn_off", null,
        "shellies/shellyplus1-a8032ab12345/relay/0/command")).isEqualTo("off");
    assertThat(command("switch.shellyplus1pm_c4dd57a1b2c3_virtual_switch_sensors_sw", "turn_off",
        null, "shellyplus1pm-c4dd57a1b2c3/switch/cmd")).isEqualTo("off");
    report("shellies/shellyplus1-a8032ab12345/input/0", "on");
    Await.until("input on", () -> entity("binary_sensor.shellyplus1_a8032ab12345_input_0")
        .path("state").asText().equals("on"));
  }

  @Test
  @DisplayName("zigbee2mqtt: a {% if %} switch template reads false as off")
  void zigbee2mqttFalse() {
    report("zigbee2mqtt/Coffee Machine", "{\"state\":\"OFF\",\"power\":0,\"energy\":23.4,"
        + "\"device_temperature\":30,\"power_outage_memory\":false,\"linkquality\":120}");
    Await.until("plug off", () -> entity("switch.coffee_machine").path("state").asText()
        .equals("off"));
    assertThat(entity("switch.coffee_machine_power_outage_memory").path("state").asText())
        .isEqualTo("off");
    assertThat(entity("sensor.coffee_machine_power").path("state").asText()).isEqualTo("0");
  }
}
