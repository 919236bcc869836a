package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The parts of a discovery config that every component shares: naming, device, availability,
 * QoS/retain, optimistic mode and JSON attributes.
 */
record EntityConfig(
    String name,
    String uniqueId,
    String objectId,
    String defaultEntityId,
    String deviceName,
    String area,
    List<AvailabilitySource> availability,
    AvailabilityMode availabilityMode,
    int qos,
    boolean retain,
    boolean optimistic,
    String jsonAttributesTopic,
    ValueTemplate jsonAttributesTemplate,
    ObjectNode attributes) {

  /** How several availability topics combine (Home Assistant's {@code availability_mode}). */
  enum AvailabilityMode { LATEST, ANY, ALL }

  static EntityConfig parse(ConfigReader config, String component, int defaultQos)
      throws InvalidConfigException {
    JsonNode device = config.node().path("device");
    String deviceName = device.path("name").isTextual() ? device.get("name").textValue() : null;
    String area = device.path("suggested_area").isTextual()
        ? device.get("suggested_area").textValue() : null;
    ObjectNode attributes = Json.object();
    for (String key : List.of("device_class", "icon", "entity_category")) {
      String value = config.string(key, null);
      if (value != null) {
        attributes.put(key, value);
      }
    }
    if (config.node().get("origin") instanceof ObjectNode origin && origin.path("name").isTextual()) {
      // Which software announced the entity (zigbee2mqtt 2.1.3...), as Home Assistant shows it.
      ObjectNode shown = attributes.putObject("origin");
      for (String key : List.of("name", "sw_version", "support_url")) {
        if (origin.path(key).isTextual()) {
          shown.put(key, origin.get(key).textValue());
        }
      }
    }
    return new EntityConfig(
        name(config, component, deviceName),
        config.string("unique_id", null),
        config.string("object_id", null),
        config.string("default_entity_id", null),
        deviceName,
        area,
        availability(config),
        availabilityMode(config),
        config.integer("qos", defaultQos, 0, 2),
        config.bool("retain", false),
        config.bool("optimistic", false),
        config.subscribeTopic("json_attributes_topic"),
        config.template("json_attributes_template"),
        attributes);
  }

  /**
   * The friendly name the way Home Assistant composes it: the device name alone when the entity
   * name is null or absent, "device entity" when both exist, a generic name when neither does.
   * A sensor, binary sensor or button whose config has no {@code name} key at all but a
   * {@code device_class} is named after its class ("Coffee Machine Energy"): zigbee2mqtt leaves
   * the name out of exactly those configs, and a plug's power, energy and temperature sensors
   * would otherwise all be called "Coffee Machine".
   */
  private static String name(ConfigReader config, String component, String deviceName)
      throws InvalidConfigException {
    String name = config.string("name", null);
    if (!config.node().has("name") && DeviceClassNames.NAMED_BY_CLASS.contains(component)) {
      name = DeviceClassNames.of(config.string("device_class", null));
    }
    if (name == null || name.isBlank()) {
      return deviceName != null ? deviceName
          : "MQTT " + component.replace('_', ' ').toLowerCase(Locale.ROOT);
    }
    if (deviceName == null || name.startsWith(deviceName)) {
      return name;
    }
    return deviceName + " " + name;
  }

  private static List<AvailabilitySource> availability(ConfigReader config)
      throws InvalidConfigException {
    String topic = config.subscribeTopic("availability_topic");
    JsonNode list = config.node().get("availability");
    if (topic != null && list != null && !list.isNull()) {
      throw new InvalidConfigException("'availability' and 'availability_topic' exclude each other");
    }
    List<AvailabilitySource> sources = new ArrayList<>();
    if (topic != null) {
      sources.add(new AvailabilitySource(topic, config.template("availability_template"),
          config.string("payload_available", "online"),
          config.string("payload_not_available", "offline")));
    }
    if (list != null && !list.isNull()) {
      List<JsonNode> entries = new ArrayList<>();
      if (list.isArray()) {
        list.forEach(entries::add);
      } else {
        entries.add(list);
      }
      for (JsonNode entry : entries) {
        if (!(entry instanceof ObjectNode object)) {
          throw new InvalidConfigException("'availability' entries must be objects");
        }
        ConfigReader item = new ConfigReader(object);
        String itemTopic = item.subscribeTopic("topic");
        if (itemTopic == null) {
          throw new InvalidConfigException("'availability' entries need a 'topic'");
        }
        sources.add(new AvailabilitySource(itemTopic, item.template("value_template"),
            item.string("payload_available", "online"),
            item.string("payload_not_available", "offline")));
      }
    }
    return List.copyOf(sources);
  }

  private static AvailabilityMode availabilityMode(ConfigReader config)
      throws InvalidConfigException {
    String mode = config.string("availability_mode", "latest");
    try {
      return AvailabilityMode.valueOf(mode.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new InvalidConfigException("'availability_mode' must be latest, any or all");
    }
  }
}
