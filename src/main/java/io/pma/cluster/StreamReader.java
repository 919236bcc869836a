package io.pma.cluster;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisConnection;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the cluster stream in order with {@code XREAD BLOCK} on a connection of its own, from the
 * seq after the last one delivered. When Redis goes away it reconnects with backoff and carries on
 * from where it was, so the node catches up with everything published meanwhile (as far as the
 * stream still holds it). Runs on the broker's context.
 */
final class StreamReader {
  private static final Logger LOG = LoggerFactory.getLogger(StreamReader.class);
  private static final int COUNT = 1000;
  private static final int BLOCK_MS = 1000;
  private static final long MAX_BACKOFF_MS = 2_000;

  private final Vertx vertx;
  private final Context context;
  private final Redis redis;
  private final RedisKeys keys;
  private final LongSupplier position;
  private final Consumer<List<StreamEntry>> sink;
  private RedisConnection connection;
  private long backoffMs;
  private volatile boolean connected;
  private volatile boolean closed;

  /**
   * @param position the last seq delivered; reading continues after it
   * @param sink receives each batch of entries, ascending, on the context
   */
  StreamReader(Vertx vertx, Context context, Redis redis, RedisKeys keys, LongSupplier position,
      Consumer<List<StreamEntry>> sink) {
    this.vertx = vertx;
    this.context = context;
    this.redis = redis;
    this.keys = keys;
    this.position = position;
    this.sink = sink;
  }

  void start() {
    context.runOnContext(v -> connect());
  }

  boolean connected() {
    return connected;
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
    redis.connect().onComplete(result -> {
      if (result.failed()) {
        retryLater(result.cause());
        return;
      }
      connection = result.result();
      connection.exceptionHandler(e -> LOG.debug("stream connection: {}", e.getMessage()));
      if (!connected && backoffMs > 0) {
        LOG.info("Redis is back: catching up on the event stream after seq {}",
            position.getAsLong());
      }
      connected = true;
      backoffMs = 0;
      read();
    });
  }

  private void read() {
    if (closed) {
      connection.close();
      return;
    }
    Request xread = Request.cmd(Command.XREAD).arg("COUNT").arg(COUNT).arg("BLOCK").arg(BLOCK_MS)
        .arg("STREAMS").arg(keys.events()).arg(StreamEntry.id(position.getAsLong()));
    connection.send(xread).onComplete(result -> {
      if (result.failed()) {
        connection.close();
        connection = null;
        retryLater(result.cause());
        return;
      }
      List<StreamEntry> entries = StreamEntry.parseRead(result.result());
      if (!entries.isEmpty()) {
        sink.accept(entries);
      }
      read();
    });
  }

  private void retryLater(Throwable cause) {
    if (closed) {
      return;
    }
    if (connected || backoffMs == 0) {
      LOG.warn("lost the Redis event stream: {}", cause.getMessage());
    }
    connected = false;
    backoffMs = Math.min(Math.max(backoffMs * 2, 100), MAX_BACKOFF_MS);
    vertx.setTimer(backoffMs, t -> context.runOnContext(v -> connect()));
  }
}
