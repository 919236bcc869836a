package io.pma.config;

import io.pma.topic.InvalidTopicException;
import io.pma.topic.TopicPattern;
import java.util.List;

/** The /ws endpoint's limits and keep-alive (PROTOCOL.md sections 1 and 6). */
public record WebsocketConfig(
    List<String> anonymousTopics,
    List<String> allowedOrigins,
    int pingIntervalSeconds,
    int pongTimeoutSeconds,
    boolean compression,
    int maxMessageBytes,
    int maxMessagesPerSecond,
    int burstMessages,
    int maxConnections,
    int maxSubscriptions,
    int maxGlobSubscriptions,
    int queueSoftLimit,
    int queueHardLimit,
    int authTimeoutSeconds) {

  public WebsocketConfig {
    anonymousTopics = anonymousTopics == null ? List.of() : List.copyOf(anonymousTopics);
    for (String topic : anonymousTopics) {
      try {
        TopicPattern.parse(topic);
      } catch (InvalidTopicException e) {
        throw new IllegalArgumentException("websocket.anonymous_topics: '" + topic + "' is not a"
            + " valid topic (" + e.reason() + ")");
      }
    }
    allowedOrigins = allowedOrigins == null ? List.of() : List.copyOf(allowedOrigins);
    for (String origin : allowedOrigins) {
      if (!origin.equals("*") && !origin.matches("(?i)https?://[^/?#\\s]+")) {
        throw new IllegalArgumentException("websocket.allowed_origins: '" + origin + "' is not an"
            + " origin like https://home.example.com or http://192.168.1.10:3001 (or *)");
      }
    }
    Checks.range("websocket.ping_interval_seconds", pingIntervalSeconds, 1, 3600);
    Checks.range("websocket.pong_timeout_seconds", pongTimeoutSeconds, 1, 3600);
    Checks.range("websocket.max_message_bytes", maxMessageBytes, 128, 16 * 1024 * 1024);
    Checks.range("websocket.max_messages_per_second", maxMessagesPerSecond, 1, 1_000_000);
    Checks.range("websocket.burst_messages", burstMessages, 1, 1_000_000);
    Checks.range("websocket.max_connections", maxConnections, 1, 10_000_000);
    Checks.range("websocket.max_subscriptions", maxSubscriptions, 1, 1_000_000);
    Checks.range("websocket.max_glob_subscriptions", maxGlobSubscriptions, 0, 1_000_000);
    Checks.range("websocket.queue_soft_limit", queueSoftLimit, 1, 10_000_000);
    Checks.range("websocket.queue_hard_limit", queueHardLimit, queueSoftLimit, 10_000_000);
    Checks.range("websocket.auth_timeout_seconds", authTimeoutSeconds, 1, 86_400);
  }

  /**
   * The same settings with another connection limit: start-up lowers it to what the process's
   * file descriptor limit allows.
   */
  public WebsocketConfig withMaxConnections(int connections) {
    return new WebsocketConfig(anonymousTopics, allowedOrigins, pingIntervalSeconds,
        pongTimeoutSeconds, compression, maxMessageBytes, maxMessagesPerSecond, burstMessages,
        connections, maxSubscriptions, maxGlobSubscriptions, queueSoftLimit, queueHardLimit,
        authTimeoutSeconds);
  }

  public List<TopicPattern> anonymousTopicPatterns() {
    return anonymousTopics.stream().map(TopicPattern::parse).toList();
  }
}
