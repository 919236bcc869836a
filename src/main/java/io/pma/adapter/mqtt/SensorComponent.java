package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;

/**
 * {@code sensor}: the rendered value is the state. A sensor with a unit, a state class or a
 * numeric device class must report numbers; anything else is a malformed payload.
 */
record SensorComponent(String stateTopic, ValueTemplate valueTemplate, String unit,
    String stateClass, boolean numeric) implements Component {
  private static final int MAX_STATE_LENGTH = 255;
  /** Device classes whose values are not numbers (everything else with a class is numeric). */
  private static final Set<String> TEXT_CLASSES = Set.of("date", "enum", "timestamp");

  static SensorComponent parse(ConfigReader config) throws InvalidConfigException {
    String stateTopic = config.requiredSubscribeTopic("state_topic");
    String unit = config.string("unit_of_measurement", null);
    String stateClass = config.string("state_class", null);
    String deviceClass = config.string("device_class", null);
    boolean numeric = unit != null || stateClass != null
        || (deviceClass != null && !TEXT_CLASSES.contains(deviceClass));
    return new SensorComponent(stateTopic, config.template("value_template"), unit, stateClass,
        numeric);
  }

  @Override
  public List<StateBinding> bindings() {
    return new Bindings()
        .rendered(stateTopic, valueTemplate, (value, state) -> state.state = read(value))
        .list();
  }

  private String read(String value) throws MalformedPayloadException {
    if (value.isEmpty() || "None".equals(value)) {
      return EntityState.UNKNOWN;
    }
    if (value.length() > MAX_STATE_LENGTH) {
      throw new MalformedPayloadException("value longer than " + MAX_STATE_LENGTH + " characters");
    }
    if (numeric && Filter.parse(value) == null) {
      throw new MalformedPayloadException("'" + value + "' is not a number");
    }
    return value;
  }

  @Override
  public void describe(ObjectNode attributes) {
    if (unit != null) {
      attributes.put("unit_of_measurement", unit);
    }
    if (stateClass != null) {
      attributes.put("state_class", stateClass);
    }
  }

  @Override
  public Command command(String entityId, String action, ObjectNode params, EntityState current) {
    throw Actions.unsupported(entityId, action, "a sensor only reports");
  }
}
