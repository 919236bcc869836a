package io.pma.cluster;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds a named lease in Redis for as long as this node lives: tries to take it (SET NX PX) and,
 * once held, renews it every third of its time to live (a Lua compare-and-expire), so at most one
 * node holds it at a time. When this node dies the lease expires and another node's keeper takes
 * it within one time to live plus one renewal period. A node that cannot renew (Redis unreachable)
 * gives the lease up by itself when two thirds of its time to live have passed since the last
 * renewal, before anyone else can take it. Runs on the given context; the callbacks run there too.
 */
final class LeaseKeeper {
  private static final Logger LOG = LoggerFactory.getLogger(LeaseKeeper.class);

  private final RedisLink link;
  private final Context context;
  private final String key;
  private final long ttlMs;
  private final Runnable onAcquired;
  private final Runnable onLost;
  private boolean held;
  private long renewedAtNanos;
  private long timer = -1;
  private boolean closed;

  LeaseKeeper(RedisLink link, Context context, String name, Duration ttl, Runnable onAcquired,
      Runnable onLost) {
    this.link = link;
    this.context = context;
    this.key = link.keys().lease(name);
    this.ttlMs = ttl.toMillis();
    this.onAcquired = onAcquired;
    this.onLost = onLost;
  }

  void start() {
    context.runOnContext(v -> attempt());
  }

  private void attempt() {
    if (closed) {
      return;
    }
    long startedNanos = System.nanoTime();
    link.commands().send(Request.cmd(Command.EVAL).arg(Scripts.LEASE).arg(1).arg(key)
        .arg(link.nodeId()).arg(ttlMs)).onComplete(result -> {
          if (closed) {
            return;
          }
          if (result.succeeded() && result.result().toInteger() == 1) {
            renewedAtNanos = startedNanos;
            if (!held) {
              held = true;
              LOG.info("node {} took the lease {}", link.nodeId(), key);
              onAcquired.run();
            }
          } else if (result.succeeded()) {
            lose("another node holds it");
          } else if (held && System.nanoTime() - renewedAtNanos > ttlMs * 1_000_000 * 2 / 3) {
            // Give up before Redis lets the lease expire, so that two owners never overlap.
            lose("cannot renew: " + result.cause().getMessage());
          }
          timer = link.vertx().setTimer(Math.max(ttlMs / 3, 50),
              t -> context.runOnContext(v -> attempt()));
        });
  }

  private void lose(String why) {
    if (held) {
      held = false;
      LOG.warn("node {} lost the lease {}: {}", link.nodeId(), key, why);
      onLost.run();
    }
  }

  /** Gives the lease up (only if still ours) so another node can take it at once. */
  Future<Void> release() {
    return Future.<Void>future(p -> context.runOnContext(v -> {
      closed = true;
      if (timer >= 0) {
        link.vertx().cancelTimer(timer);
      }
      if (!held) {
        p.complete();
        return;
      }
      held = false;
      link.commands().send(Request.cmd(Command.EVAL).arg(Scripts.RELEASE).arg(1).arg(key)
          .arg(link.nodeId())).onComplete(r -> p.complete());
    }));
  }
}
