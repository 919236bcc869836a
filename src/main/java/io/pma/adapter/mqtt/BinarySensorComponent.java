package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code binary_sensor}: read-only on/off from {@code payload_on}/{@code payload_off}. */
record BinarySensorComponent(String stateTopic, ValueTemplate valueTemplate, String payloadOn,
    String payloadOff) implements Component {
  static BinarySensorComponent parse(ConfigReader config) throws InvalidConfigException {
    String stateTopic = config.requiredSubscribeTopic("state_topic");
    return new BinarySensorComponent(stateTopic, config.template("value_template"),
        config.string("payload_on", "ON"), config.string("payload_off", "OFF"));
  }

  @Override
  public List<StateBinding> bindings() {
    return new Bindings()
        .rendered(stateTopic, valueTemplate, (value, state) ->
            state.state = OnOff.read(value, payloadOn, payloadOff))
        .list();
  }

  @Override
  public Command command(String entityId, String action, ObjectNode params, EntityState current) {
    throw Actions.unsupported(entityId, action, "a binary sensor only reports");
  }
}
