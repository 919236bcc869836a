package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/** {@code switch}: on/off through {@code payload_on}/{@code payload_off}. */
record SwitchComponent(OnOff onOff, String stateTopic, ValueTemplate valueTemplate, String stateOn,
    String stateOff) implements Component {
  static SwitchComponent parse(ConfigReader config, EntityConfig common)
      throws InvalidConfigException {
    OnOff onOff = OnOff.parse(config, common);
    return new SwitchComponent(onOff, config.subscribeTopic("state_topic"),
        config.template("value_template"), config.string("state_on", onOff.payloadOn()),
        config.string("state_off", onOff.payloadOff()));
  }

  @Override
  public List<StateBinding> bindings() {
    return new Bindings()
        .rendered(stateTopic, valueTemplate, (value, state) ->
            state.state = OnOff.read(value, stateOn, stateOff))
        .list();
  }

  @Override
  public Command command(String entityId, String action, ObjectNode params, EntityState current) {
    switch (action) {
      case "turn_on":
        return Command.of(onOff.on(), "on");
      case "turn_off":
        return Command.of(onOff.off(), "off");
      case "toggle":
        return "on".equals(current.state) ? Command.of(onOff.off(), "off")
            : Command.of(onOff.on(), "on");
      default:
        throw Actions.unsupported(entityId, action);
    }
  }
}
