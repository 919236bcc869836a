package io.pma.adapter.mqtt;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a discovery config was published: {@code <prefix>/<component>/[<node_id>/]<object_id>/config}.
 * The topic identifies the entity across updates and removal, whatever its payload says.
 */
record DiscoveryTopic(String topic, String component, String nodeId, String objectId) {
  private static final Pattern SHAPE = Pattern.compile(
      "([A-Za-z0-9_]+)/(?:([A-Za-z0-9_-]+)/)?([A-Za-z0-9_-]+)/config");

  /** The discovery topic's parts, or empty when {@code topic} is not a discovery config topic. */
  static Optional<DiscoveryTopic> parse(String prefix, String topic) {
    if (!topic.startsWith(prefix) || topic.length() <= prefix.length()
        || topic.charAt(prefix.length()) != '/') {
      return Optional.empty();
    }
    Matcher m = SHAPE.matcher(topic.substring(prefix.length() + 1));
    if (!m.matches()) {
      return Optional.empty();
    }
    return Optional.of(new DiscoveryTopic(topic, m.group(1), m.group(2), m.group(3)));
  }

  /** The subscriptions that receive every discovery config under {@code prefix}. */
  static String[] filters(String prefix) {
    return new String[] {prefix + "/+/+/config", prefix + "/+/+/+/config"};
  }

  /** {@code node_id object_id}, or {@code object_id} without a node, as Home Assistant keys it. */
  String discoveryId() {
    return nodeId == null ? objectId : nodeId + " " + objectId;
  }
}
