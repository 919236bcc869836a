package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * {@code button}: {@code press} publishes {@code payload_press} (through {@code command_template}
 * when set) to the command topic. A button has no state topic; its state stays unknown, since
 * PMA never predicts states (Home Assistant shows the time of the last press instead).
 */
record ButtonComponent(String commandTopic, CommandTemplate commandTemplate, String payloadPress,
    int qos, boolean retain) implements Component {
  static ButtonComponent parse(ConfigReader config, EntityConfig common)
      throws InvalidConfigException {
    String commandTopic = config.publishTopic("command_topic");
    if (commandTopic == null) {
      throw new InvalidConfigException("'command_topic' is required");
    }
    return new ButtonComponent(commandTopic,
        config.commandTemplate("command_template", OnOff.VARIABLES),
        config.string("payload_press", "PRESS"), common.qos(), common.retain());
  }

  @Override
  public String domain() {
    return "button";
  }

  @Override
  public List<StateBinding> bindings() {
    return List.of();
  }

  @Override
  public void describe(ObjectNode attributes) {
    // A button's config implies no attributes beyond the common ones.
  }

  @Override
  public Command command(String entityId, String action, ObjectNode params, EntityState current) {
    if (!"press".equals(action)) {
      throw Actions.unsupported(entityId, action);
    }
    String body = payloadPress;
    if (commandTemplate != null) {
      body = Actions.render(commandTemplate,
          Map.of("value", JsonNodeFactory.instance.textNode(payloadPress)));
    }
    return Command.of(new Publication(commandTopic, body, qos, retain), null);
  }
}
