package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * {@code button}: {@code press} publishes {@code payload_press} (through {@code command_template}
 * when set) to the command topic. A button has no state topic; its state stays unknown, since
 * PMA never predicts states (Home Assistant shows the time of the last press instead).
 */
record ButtonComponent(CommandTopic command, String payloadPress) implements Component {
  static ButtonComponent parse(ConfigReader config, EntityConfig common)
      throws InvalidConfigException {
    return new ButtonComponent(
        CommandTopic.required(config, "command_topic", "command_template", common),
        config.string("payload_press", "PRESS"));
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
    return Command.of(command.publish(payloadPress), null);
  }
}
