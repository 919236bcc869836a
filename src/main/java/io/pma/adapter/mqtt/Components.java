package io.pma.adapter.mqtt;

import java.util.Set;

/** The discovery components PMA understands, and how each is read from its config. */
final class Components {
  static final Set<String> SUPPORTED = Set.of("light", "switch", "sensor", "binary_sensor",
      "cover", "climate", "fan", "lock", "button");

  private Components() {}

  static Component parse(String component, ConfigReader config, EntityConfig common)
      throws InvalidConfigException {
    switch (component) {
      case "light":
        return light(config, common);
      case "switch":
        return SwitchComponent.parse(config, common);
      case "sensor":
        return SensorComponent.parse(config);
      case "binary_sensor":
        return BinarySensorComponent.parse(config);
      case "cover":
        return new CoverComponent(config, common);
      case "climate":
        return new ClimateComponent(config, common);
      case "fan":
        return new FanComponent(config, common);
      case "lock":
        return new LockComponent(config, common);
      case "button":
        return ButtonComponent.parse(config, common);
      default:
        throw new InvalidConfigException("component '" + component + "' is not supported "
            + "(supported: " + String.join(", ", new java.util.TreeSet<>(SUPPORTED)) + ")");
    }
  }

  private static Component light(ConfigReader config, EntityConfig common)
      throws InvalidConfigException {
    String schema = config.string("schema", "default");
    if ("json".equals(schema)) {
      return JsonLightComponent.parse(config, common);
    }
    if ("default".equals(schema) || "basic".equals(schema)) {
      return LightComponent.parse(config, common);
    }
    throw new InvalidConfigException("light schema '" + schema
        + "' is not supported (supported: default, json)");
  }
}
