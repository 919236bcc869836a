package io.pma.cluster;

import io.vertx.core.Context;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis pub/sub subscription to one channel that survives Redis outages: it reconnects with
 * backoff and tells {@code onSubscribed} each time it is (again) listening, so its owner can catch
 * up on what it may have missed. Messages arrive on {@code context}.
 */
final class ChannelSubscription {
  private static final Logger LOG = LoggerFactory.getLogger(ChannelSubscription.class);
  private static final long MAX_BACKOFF_MS = 2_000;

  private final RedisLink link;
  private final Context context;
  private final String channel;
  private final Consumer<String> onMessage;
  private final Runnable onSubscribed;
  private RedisConnection connection;
  private long backoffMs;
  private volatile boolean subscribed;
  private volatile boolean closed;

  ChannelSubscription(RedisLink link, Context context, String channel, Consumer<String> onMessage,
      Runnable onSubscribed) {
    this.link = link;
    this.context = context;
    this.channel = channel;
    this.onMessage = onMessage;
    this.onSubscribed = onSubscribed;
  }

  void start() {
    context.runOnContext(v -> connect());
  }

  boolean subscribed() {
    return subscribed;
  }

  void close() {
    closed = true; // at once: the connection's end must not schedule a reconnect
    context.runOnContext(v -> {
      if (connection != null) {
        connection.close();
      }
    });
  }

  private void connect() {
    if (closed) {
      return;
    }
    link.dedicated().connect().onComplete(result -> {
      if (result.failed()) {
        retryLater(result.cause());
        return;
      }
      connection = result.result();
      connection.handler(this::onPush);
      connection.exceptionHandler(e -> lost(e));
      connection.endHandler(v -> lost(new IllegalStateException("connection closed")));
      connection.send(Request.cmd(Command.SUBSCRIBE).arg(channel)).onComplete(sub -> {
        if (sub.failed()) {
          lost(sub.cause());
          return;
        }
        subscribed = true;
        backoffMs = 0;
        onSubscribed.run();
      });
    });
  }

  private void onPush(Response push) {
    // RESP2 pub/sub: ["message", channel, payload]; subscribe confirmations are ignored.
    if (push != null && push.size() == 3 && "message".equals(push.get(0).toString())) {
      onMessage.accept(push.get(2).toString());
    }
  }

  private void lost(Throwable cause) {
    if (connection == null || closed) {
      return;
    }
    connection.close();
    connection = null;
    subscribed = false;
    retryLater(cause);
  }

  private void retryLater(Throwable cause) {
    if (closed) {
      return;
    }
    if (backoffMs == 0) {
      LOG.warn("Redis channel {} lost: {}", channel, cause.getMessage());
    }
    backoffMs = Math.min(Math.max(backoffMs * 2, 100), MAX_BACKOFF_MS);
    link.vertx().setTimer(backoffMs, t -> context.runOnContext(v -> connect()));
  }
}
