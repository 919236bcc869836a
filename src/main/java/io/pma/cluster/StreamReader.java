package io.pma.cluster;

import io.vertx.core.Context;
import io.vertx.redis.client.Command;
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

  private final ReconnectingConnection connection;
  private final RedisKeys keys;
  private final LongSupplier position;
  private final Consumer<List<StreamEntry>> sink;

  /**
   * @param position the last seq delivered; reading continues after it
   * @param sink receives each batch of entries, ascending, on the context
   */
  StreamReader(RedisLink link, Context context, LongSupplier position,
      Consumer<List<StreamEntry>> sink) {
    this.keys = link.keys();
    this.position = position;
    this.sink = sink;
    this.connection = new ReconnectingConnection(link, context,
        "event stream " + keys.events(), this::startReading);
  }

  void start() {
    connection.start();
  }

  boolean connected() {
    return connection.isReady();
  }

  void close() {
    connection.close();
  }

  private void startReading(RedisConnection redis) {
    redis.exceptionHandler(e -> LOG.debug("stream connection: {}", e.getMessage()));
    connection.ready();
    read(redis);
  }

  private void read(RedisConnection redis) {
    if (connection.closed()) {
      return; // close() closes the connection itself; closing it twice fails in the pool
    }
    Request xread = Request.cmd(Command.XREAD).arg("COUNT").arg(COUNT).arg("BLOCK").arg(BLOCK_MS)
        .arg("STREAMS").arg(keys.events()).arg(StreamEntry.id(position.getAsLong()));
    redis.send(xread).onComplete(result -> {
      if (result.failed()) {
        connection.lost(redis, result.cause());
        return;
      }
      List<StreamEntry> entries = StreamEntry.parseRead(result.result());
      if (!entries.isEmpty()) {
        sink.accept(entries);
      }
      read(redis);
    });
  }
}
