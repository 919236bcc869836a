package io.pma.config;

import java.time.Duration;
import java.util.UUID;

/**
 * The event broker. {@code memory} keeps everything in this process (one node, nothing to install);
 * {@code redis} makes every node publish to and consume from one Redis stream at
 * {@code redis_url}, whose keys start with {@code key_prefix}. The history (for resuming clients)
 * holds at most {@code history_size} events, none older than {@code history_seconds}. In a
 * cluster each adapter runs on the node holding its lease ({@code lease_ms} to live, renewed every
 * third of that); actions relayed to it fail after {@code action_timeout_ms}.
 */
public record BrokerConfig(
    String type,
    int historySize,
    int historySeconds,
    String redisUrl,
    String keyPrefix,
    String nodeId,
    int outboxSize,
    int leaseMs,
    int actionTimeoutMs) {

  public BrokerConfig {
    if (!"memory".equals(type) && !"redis".equals(type)) {
      throw new IllegalArgumentException("broker.type must be memory or redis (got " + type + ")");
    }
    Checks.range("broker.history_size", historySize, 0, 10_000_000);
    Checks.range("broker.history_seconds", historySeconds, 1, 7 * 24 * 3600);
    Checks.range("broker.outbox_size", outboxSize, 1, 10_000_000);
    Checks.range("broker.lease_ms", leaseMs, 300, 600_000);
    Checks.range("broker.action_timeout_ms", actionTimeoutMs, 100, 600_000);
    if ("redis".equals(type)) {
      Checks.notBlank("broker.redis_url", redisUrl);
    }
    Checks.notBlank("broker.key_prefix", keyPrefix);
    nodeId = nodeId == null || nodeId.isBlank()
        ? UUID.randomUUID().toString().substring(0, 8) : nodeId;
  }

  public boolean redis() {
    return "redis".equals(type);
  }

  public Duration lease() {
    return Duration.ofMillis(leaseMs);
  }

  public Duration actionTimeout() {
    return Duration.ofMillis(actionTimeoutMs);
  }

  public Duration historyAge() {
    return Duration.ofSeconds(historySeconds);
  }
}
