package io.pma.system;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;

/**
 * Measures how long the event loops are kept from running their tasks. On each loop a one-shot
 * timer due every {@value #PERIOD_MS} ms notes how late it actually ran: a loop blocked by a long
 * task runs it late by that long. The timers run on their loops; the maximum is read and reset by
 * the sampler from any thread. Every lateness is also handed to {@code record} (the Prometheus
 * histogram), so a scrape shows how often the loops were held up, not only the worst case.
 */
public final class LoopLagProbe {
  static final long PERIOD_MS = 50;

  private final Vertx vertx;
  private final List<Context> loops = new ArrayList<>();
  private final AtomicLong maxLagNanos = new AtomicLong();
  private final LongConsumer record;
  private volatile boolean running;

  /**
   * Creates one context per event loop. Called from a non-Vert.x thread, each new context is
   * placed on the next loop in turn, so {@code loopCount} contexts cover every loop.
   */
  public LoopLagProbe(Vertx vertx, int loopCount, LongConsumer record) {
    this.vertx = vertx;
    this.record = record;
    for (int i = 0; i < loopCount; i++) {
      loops.add(vertx.getOrCreateContext());
    }
  }

  public void start() {
    running = true;
    loops.forEach(context -> context.runOnContext(v -> arm()));
  }

  public void stop() {
    running = false;
  }

  /** The longest lateness seen on any loop since the previous call, in milliseconds. */
  public double takeMaxLagMillis() {
    return maxLagNanos.getAndSet(0) / (double) TimeUnit.MILLISECONDS.toNanos(1);
  }

  /** On the loop: sets the next timer; a timer set on a loop thread fires on that loop. */
  private void arm() {
    long due = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(PERIOD_MS);
    vertx.setTimer(PERIOD_MS, id -> {
      long late = Math.max(0, System.nanoTime() - due);
      maxLagNanos.accumulateAndGet(late, Math::max);
      record.accept(late);
      if (running) {
        arm();
      }
    });
  }
}
