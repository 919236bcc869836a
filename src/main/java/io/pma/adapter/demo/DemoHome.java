package io.pma.adapter.demo;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.EntityId;
import io.pma.domain.Json;
import java.util.ArrayList;
import java.util.List;

/** The devices of the demo home as they are when PMA starts. */
final class DemoHome {
  private DemoHome() {}

  static List<DemoDevice> devices() {
    List<DemoDevice> d = new ArrayList<>();
    d.add(light("living_room", "Living Room Light", "Living Room", "on", 180));
    d.add(light("kitchen", "Kitchen Light", "Kitchen", "off", 255));
    d.add(light("bedroom", "Bedroom Light", "Bedroom", "off", 120));
    d.add(light("porch", "Porch Light", "Outside", "off", 255));
    d.add(light("office", "Office Light", "Office", "on", 200));
    d.add(device("switch.coffee_maker", "Coffee Maker", "Kitchen", "off", Json.object()));
    d.add(device("switch.garden_pump", "Garden Pump", "Outside", "off", Json.object()));
    d.add(device("switch.tv", "TV", "Living Room", "on", Json.object()));
    d.add(sensor("living_room_temperature", "Living Room Temperature", "Living Room", "21.5",
        "°C", "temperature"));
    d.add(sensor("outdoor_temperature", "Outdoor Temperature", "Outside", "8.2", "°C",
        "temperature"));
    d.add(sensor("living_room_humidity", "Living Room Humidity", "Living Room", "45", "%",
        "humidity"));
    d.add(sensor("power_consumption", "Power Consumption", "Utility", "420", "W", "power"));
    d.add(sensor("office_co2", "Office CO2", "Office", "610", "ppm", "carbon_dioxide"));
    d.add(sensor("energy_today", "Energy Today", "Utility", "3.2", "kWh", "energy"));
    d.add(binary("hallway_motion", "Hallway Motion", "Hallway", "motion"));
    d.add(binary("front_door_contact", "Front Door Contact", "Hallway", "door"));
    d.add(binary("kitchen_window", "Kitchen Window", "Kitchen", "window"));
    d.add(device("climate.living_room", "Living Room Thermostat", "Living Room", "heat",
        Json.object().put("temperature", 21.0).put("current_temperature", 21.5)
            .put("min_temp", 5).put("max_temp", 35)
            .set("hvac_modes", Json.MAPPER.valueToTree(DemoActions.HVAC_MODES))));
    d.add(device("climate.bedroom", "Bedroom Thermostat", "Bedroom", "off",
        Json.object().put("temperature", 18.0).put("current_temperature", 18.4)
            .put("min_temp", 5).put("max_temp", 35)
            .set("hvac_modes", Json.MAPPER.valueToTree(DemoActions.HVAC_MODES))));
    d.add(device("cover.living_room_blinds", "Living Room Blinds", "Living Room", "open",
        Json.object().put("current_position", 100).put("device_class", "blind")));
    d.add(device("cover.garage_door", "Garage Door", "Garage", "closed",
        Json.object().put("current_position", 0).put("device_class", "garage")));
    d.add(device("fan.bedroom", "Bedroom Fan", "Bedroom", "off",
        Json.object().put("percentage", 0)));
    d.add(device("fan.ceiling", "Ceiling Fan", "Living Room", "on",
        Json.object().put("percentage", 50)));
    d.add(device("lock.front_door", "Front Door Lock", "Hallway", "locked", Json.object()));
    d.add(device("lock.back_door", "Back Door Lock", "Kitchen", "locked", Json.object()));
    return d;
  }

  private static DemoDevice light(String id, String name, String area, String state,
      int brightness) {
    ObjectNode attributes = Json.object().put("brightness", "on".equals(state) ? brightness : 0)
        .put("color_temp_kelvin", 3000).put("friendly_name", name);
    attributes.putArray("supported_color_modes").add("hs").add("color_temp");
    DemoActions.EFFECTS.forEach(attributes.putArray("effect_list")::add);
    return new DemoDevice(EntityId.parse("light." + id), name, area, state, attributes);
  }

  private static DemoDevice sensor(String id, String name, String area, String value,
      String unit, String deviceClass) {
    return new DemoDevice(EntityId.parse("sensor." + id), name, area, value,
        Json.object().put("unit_of_measurement", unit).put("device_class", deviceClass)
            .put("friendly_name", name));
  }

  private static DemoDevice binary(String id, String name, String area, String deviceClass) {
    return new DemoDevice(EntityId.parse("binary_sensor." + id), name, area, "off",
        Json.object().put("device_class", deviceClass).put("friendly_name", name));
  }

  private static DemoDevice device(String id, String name, String area, String state,
      ObjectNode attributes) {
    attributes.put("friendly_name", name);
    return new DemoDevice(EntityId.parse(id), name, area, state, attributes);
  }
}
