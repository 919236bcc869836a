package io.pma.cluster;

import io.pma.config.BrokerConfig;
import io.vertx.core.Vertx;
import io.vertx.redis.client.ProtocolVersion;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisOptions;

/**
 * This node's way to the cluster's Redis: a pooled client for short commands, a second client for
 * connections that block or subscribe (so they never starve the pool), the key names and this
 * node's id. Shared by the broker, the leases and the relays; thread-safe.
 */
public final class RedisLink implements AutoCloseable {
  private final Vertx vertx;
  private final Redis commands;
  private final Redis dedicated;
  private final RedisKeys keys;
  private final String nodeId;
  private final String url;

  public RedisLink(Vertx vertx, BrokerConfig config) {
    this.vertx = vertx;
    this.url = config.redisUrl();
    this.commands = Redis.createClient(vertx, options(config.redisUrl(), 8));
    this.dedicated = Redis.createClient(vertx, options(config.redisUrl(), 8));
    this.keys = new RedisKeys(config.keyPrefix());
    this.nodeId = config.nodeId();
  }

  private static RedisOptions options(String url, int poolSize) {
    // RESP2 keeps replies as plain arrays whatever the server's version.
    return new RedisOptions().setConnectionString(url).setMaxPoolSize(poolSize)
        .setMaxPoolWaiting(10_000).setMaxWaitingHandlers(100_000)
        .setPreferredProtocolVersion(ProtocolVersion.RESP2);
  }

  Vertx vertx() {
    return vertx;
  }

  /** For short request/reply commands. */
  Redis commands() {
    return commands;
  }

  /** For connections held open: blocking stream reads, pub/sub subscriptions. */
  Redis dedicated() {
    return dedicated;
  }

  RedisKeys keys() {
    return keys;
  }

  public String nodeId() {
    return nodeId;
  }

  String url() {
    return url;
  }

  @Override
  public void close() {
    commands.close();
    dedicated.close();
  }
}
