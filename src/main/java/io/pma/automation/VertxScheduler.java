package io.pma.automation;

import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The production {@link Scheduler}: Vert.x timers against the wall clock. A timer never waits more
 * than {@link #MAX_WAIT} at once and re-reads the clock when it wakes, so a wall clock that jumps
 * (NTP correction, suspend and resume) delays a task by at most that much. Thread-safe.
 */
public final class VertxScheduler implements Scheduler {
  static final Duration MAX_WAIT = Duration.ofSeconds(30);

  private final Vertx vertx;
  private final Clock clock;

  public VertxScheduler(Vertx vertx, Clock clock) {
    this.vertx = vertx;
    this.clock = clock;
  }

  @Override
  public Scheduled at(Instant when, Runnable task) {
    Timer timer = new Timer(when, task);
    timer.arm();
    return timer;
  }

  private final class Timer implements Scheduled {
    private final Instant when;
    private final Runnable task;
    private boolean cancelled;
    private long timerId = -1;

    Timer(Instant when, Runnable task) {
      this.when = when;
      this.task = task;
    }

    void arm() {
      long wait = Duration.between(clock.instant(), when).toMillis();
      synchronized (this) {
        if (cancelled) {
          return;
        }
        if (wait > 0) {
          timerId = vertx.setTimer(Math.min(wait, MAX_WAIT.toMillis()), id -> arm());
          return;
        }
        cancelled = true;
      }
      task.run();
    }

    @Override
    public synchronized void cancel() {
      cancelled = true;
      if (timerId >= 0) {
        vertx.cancelTimer(timerId);
      }
    }
  }
}
