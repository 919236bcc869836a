package io.pma.cluster;

import io.pma.adapter.Backoff;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends this node's events to the cluster stream, in publish order, one batch at a time through
 * {@code publish.lua} (INCR + XADD per event, atomically, and an adapter status into the hash of
 * statuses too). A failed batch is retried unchanged with
 * the same batch number until Redis takes it; the script skips a batch it already appended, so a
 * lost reply never duplicates events. Runs on the broker's context.
 */
final class StreamPublisher {
  private static final Logger LOG = LoggerFactory.getLogger(StreamPublisher.class);
  private static final int BATCH = 256;

  private final Vertx vertx;
  private final Context context;
  private final Redis redis;
  private final RedisKeys keys;
  private final String nodeId;
  private final int maxLength;
  private final Outbox outbox;
  private final LongSupplier seen;
  private final AtomicBoolean wakeScheduled = new AtomicBoolean();
  private List<Outbox.Outgoing> sending = List.of();
  private long batchNumber;
  private final Backoff backoff = new Backoff(100, 2_000);
  private volatile boolean failing;
  private boolean closed;

  /** @param seen the highest seq this node has delivered (the counter never restarts below it) */
  StreamPublisher(Vertx vertx, Context context, Redis redis, RedisKeys keys, String nodeId,
      int maxLength, Outbox outbox, LongSupplier seen) {
    this.vertx = vertx;
    this.context = context;
    this.redis = redis;
    this.keys = keys;
    this.nodeId = nodeId;
    this.maxLength = Math.max(maxLength, 1);
    this.outbox = outbox;
    this.seen = seen;
  }

  /** Something was added to the outbox: send it unless a batch is already on its way. */
  void wake() {
    if (wakeScheduled.compareAndSet(false, true)) {
      context.runOnContext(v -> {
        wakeScheduled.set(false);
        pump();
      });
    }
  }

  boolean failing() {
    return failing;
  }

  /** Whether everything published so far is in the stream. */
  boolean drained() {
    return sending.isEmpty() && outbox.isEmpty();
  }

  void close() {
    closed = true;
  }

  private void pump() {
    if (closed || !sending.isEmpty()) {
      return;
    }
    sending = outbox.take(BATCH);
    if (!sending.isEmpty()) {
      batchNumber++;
      send();
    }
  }

  private void send() {
    Request eval = Request.cmd(Command.EVAL).arg(Scripts.PUBLISH).arg(4).arg(keys.seq())
        .arg(keys.events()).arg(keys.batch(nodeId)).arg(keys.adapterStatuses()).arg(maxLength)
        .arg(nodeId).arg(batchNumber).arg(seen.getAsLong());
    for (Outbox.Outgoing event : sending) {
      eval.arg(event.kind()).arg(event.at()).arg(event.context()).arg(event.event())
          .arg(event.entity()).arg(event.adapterId());
    }
    redis.send(eval).onComplete(result -> {
      if (result.succeeded()) {
        sent();
      } else {
        retryLater(result.cause());
      }
    });
  }

  private void sent() {
    if (failing) {
      LOG.info("publishing to Redis again; {} events waiting", outbox.size());
    }
    failing = false;
    backoff.reset();
    sending = List.of();
    pump();
  }

  private void retryLater(Throwable cause) {
    if (!failing) {
      LOG.warn("cannot publish to Redis ({}); {} events wait in order", cause.getMessage(),
          sending.size() + outbox.size());
    }
    failing = true;
    if (!closed) {
      vertx.setTimer(backoff.nextDelayMs(), t -> context.runOnContext(v -> send()));
    }
  }
}
