package io.pma.cluster;

import io.vertx.core.Context;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.function.Consumer;

/**
 * A Redis pub/sub subscription to one channel that survives Redis outages: it reconnects with
 * backoff and tells {@code onSubscribed} each time it is (again) listening, so its owner can catch
 * up on what it may have missed. Messages arrive on {@code context}.
 */
final class ChannelSubscription {
  private final ReconnectingConnection connection;
  private final String channel;
  private final Consumer<String> onMessage;
  private final Runnable onSubscribed;

  ChannelSubscription(RedisLink link, Context context, String channel, Consumer<String> onMessage,
      Runnable onSubscribed) {
    this.channel = channel;
    this.onMessage = onMessage;
    this.onSubscribed = onSubscribed;
    this.connection = new ReconnectingConnection(link, context, "channel " + channel,
        this::subscribe);
  }

  void start() {
    connection.start();
  }

  boolean subscribed() {
    return connection.isReady();
  }

  void close() {
    connection.close();
  }

  private void subscribe(RedisConnection redis) {
    redis.handler(this::onPush);
    redis.exceptionHandler(e -> connection.lost(redis, e));
    redis.endHandler(v -> connection.lost(redis, new IllegalStateException("connection closed")));
    redis.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onComplete(sub -> {
      if (sub.failed()) {
        connection.lost(redis, sub.cause());
        return;
      }
      connection.ready();
      onSubscribed.run();
    });
  }

  private void onPush(Response push) {
    // RESP2 pub/sub: ["message", channel, payload]; subscribe confirmations are ignored.
    if (push != null && push.size() == 3 && "message".equals(push.get(0).toString())) {
      onMessage.accept(push.get(2).toString());
    }
  }
}
