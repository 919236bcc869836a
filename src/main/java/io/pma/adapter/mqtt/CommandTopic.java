package io.pma.adapter.mqtt;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A topic an entity's commands are published to ({@code ..._command_topic} of its config), with
 * its optional command template (rendered with the payload as {@code value}) and the entity's QoS
 * and retain flag. {@code topic} is null when the config sets none; {@code key} names it in
 * refusals.
 */
record CommandTopic(String key, String topic, CommandTemplate template, int qos, boolean retain) {

  /** The topic under {@code topicKey} and the template under {@code templateKey} (null: none). */
  static CommandTopic read(ConfigReader config, String topicKey, String templateKey,
      EntityConfig common) throws InvalidConfigException {
    return withTemplate(topicKey, config.publishTopic(topicKey), config, templateKey, common);
  }

  /** As {@link #read}, for a topic the config must set. */
  static CommandTopic required(ConfigReader config, String topicKey, String templateKey,
      EntityConfig common) throws InvalidConfigException {
    return withTemplate(topicKey, config.requiredPublishTopic(topicKey), config, templateKey,
        common);
  }

  private static CommandTopic withTemplate(String key, String topic, ConfigReader config,
      String templateKey, EntityConfig common) throws InvalidConfigException {
    return new CommandTopic(key, topic,
        templateKey == null ? null : config.commandTemplate(templateKey, OnOff.VARIABLES),
        common.qos(), common.retain());
  }

  /** Refuses {@code action} as unsupported when the config sets no topic. */
  void require(String entityId, String action) {
    if (topic == null) {
      throw Actions.unsupported(entityId, action, "no " + key);
    }
  }

  /** {@code text} as the payload, or through the template. */
  Publication publish(String text) {
    return new Publication(topic, Actions.payload(template, text), qos, retain);
  }

  /** {@code plain} as the payload, or the template rendered with {@code value}. */
  Publication publish(String plain, JsonNode value) {
    return new Publication(topic, Actions.payload(template, plain, value), qos, retain);
  }
}
