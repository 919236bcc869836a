package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code button}: {@code press} publishes {@code payload_press} (through {@code command_template}
 * when set) to the command topic. A button has no state topic; its state stays unknown, since
 * PMA never predicts states (Home Assistant shows the time of the last press instead).
 */
record ButtonComponent(String commandTopic, CommandTemplate commandTemplate, String payloadPress,
    int qos, boolean retain) implements Component {
  static ButtonComponent parse(ConfigReader config, EntityConfig common)
      throws InvalidConfigException {
    String commandTopic = config.requiredPublishTopic("command_topic");
    return new ButtonComponent(commandTopic,
        config.commandTemplate("command_template", OnOff.VARIABLES),
        config.string("payload_press", "PRESS"), common.qos(), common.retain());
  }

  @Override
  public List<StateBinding> bindings() {
    return List.of();
  }

  @Override
  public Command command(String entityId, String action, ObjectNode params, EntityState current) {
    if (!"press".equals(action)) {
      throw Actions.unsupported(entityId, action);
    }
    String body = Actions.payload(commandTemplate, payloadPress);
    return Command.of(new Publication(commandTopic, body, qos, retain), null);
  }
}
