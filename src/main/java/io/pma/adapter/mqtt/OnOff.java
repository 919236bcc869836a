package io.pma.adapter.mqtt;

import java.util.Set;

/**
 * The on/off command of switches, lights and fans: {@code payload_on}/{@code payload_off} to the
 * command topic (which their configs must set), optionally through {@code command_template}
 * (with the payload as {@code value}).
 */
record OnOff(String commandTopic, String payloadOn, String payloadOff, CommandTemplate template,
    int qos, boolean retain) {
  static final Set<String> VARIABLES = Set.of("value");

  static OnOff parse(ConfigReader config, EntityConfig common) throws InvalidConfigException {
    return new OnOff(config.requiredPublishTopic("command_topic"),
        config.string("payload_on", "ON"), config.string("payload_off", "OFF"),
        config.commandTemplate("command_template", VARIABLES), common.qos(), common.retain());
  }

  Publication on() {
    return publish(payloadOn);
  }

  Publication off() {
    return publish(payloadOff);
  }

  private Publication publish(String payload) {
    return new Publication(commandTopic, Actions.payload(template, payload), qos, retain);
  }

  /** Reads a state payload: "on", "off", "unknown" for "None", otherwise malformed. */
  static String read(String value, String stateOn, String stateOff)
      throws MalformedPayloadException {
    if (value.equals(stateOn)) {
      return "on";
    }
    if (value.equals(stateOff)) {
      return "off";
    }
    if ("None".equals(value)) {
      return EntityState.UNKNOWN;
    }
    throw new MalformedPayloadException("'" + value + "' matches neither '" + stateOn
        + "' nor '" + stateOff + "'");
  }
}
