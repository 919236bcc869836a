package io.pma.cluster;

import io.pma.adapter.Backoff;
import io.vertx.core.Context;
import io.vertx.redis.client.RedisConnection;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dedicated Redis connection that outlives Redis outages, the loop that pub/sub subscriptions
 * and the stream reader share: it connects, hands each new connection to its owner, and when the
 * owner reports that connection lost it drops it and connects again after a {@link Backoff}
 * (100 ms, doubling up to 2 s, jittered). The owner marks the connection {@link #ready} once it is in use (subscribed,
 * reading), which resets the backoff. Runs on the owner's context; {@link #close} and
 * {@link #isReady} may be called from any thread.
 */
final class ReconnectingConnection {
  private static final Logger LOG = LoggerFactory.getLogger(ReconnectingConnection.class);

  private final RedisLink link;
  private final Context context;
  private final String what;
  private final Consumer<RedisConnection> onConnected;
  private RedisConnection connection;
  private final Backoff backoff = new Backoff(100, 2_000);
  private volatile boolean ready;
  private volatile boolean closed;

  /**
   * @param what names the connection's use in the log, e.g. "channel pma:revocations"
   * @param onConnected receives each new connection on the context, to set it to work
   */
  ReconnectingConnection(RedisLink link, Context context, String what,
      Consumer<RedisConnection> onConnected) {
    this.link = link;
    this.context = context;
    this.what = what;
    this.onConnected = onConnected;
  }

  void start() {
    context.runOnContext(v -> connect());
  }

  /** Whether the current connection is in use (between {@link #ready} and a loss). */
  boolean isReady() {
    return ready;
  }

  boolean closed() {
    return closed;
  }

  void close() {
    closed = true; // at once: the connection's end must not schedule a reconnect
    context.runOnContext(v -> {
      if (connection != null) {
        connection.close();
      }
    });
  }

  /** The owner has set the connection to work: a later loss is retried quickly again. */
  void ready() {
    if (backoff.failures() > 0) {
      LOG.info("Redis {} is back", what);
    }
    ready = true;
    backoff.reset();
  }

  /**
   * The connection failed. Reports about a connection already dropped (its exception and its end
   * may both arrive) are ignored.
   */
  void lost(RedisConnection which, Throwable cause) {
    if (which != connection || closed) {
      return;
    }
    connection.close();
    connection = null;
    ready = false;
    retryLater(cause);
  }

  private void connect() {
    if (closed) {
      return;
    }
    link.dedicated().connect().onComplete(result -> {
      if (result.failed()) {
        retryLater(result.cause());
      } else if (closed) {
        result.result().close();
      } else {
        connection = result.result();
        onConnected.accept(connection);
      }
    });
  }

  private void retryLater(Throwable cause) {
    if (closed) {
      return;
    }
    if (backoff.failures() == 0) {
      LOG.warn("lost Redis {}: {}", what, cause.getMessage());
    }
    link.vertx().setTimer(backoff.nextDelayMs(), t -> context.runOnContext(v -> connect()));
  }
}
