package io.pma;

import io.pma.automation.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A clock that moves only when a test says so, and the scheduler that goes with it: tasks run
 * (on the calling thread) when {@link #advance} passes their instant, in instant order. Lets
 * tests of time triggers and {@code for:} durations run without sleeping. Thread-safe.
 */
public final class ManualTime extends Clock implements Scheduler {
  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private Instant now;
  private long sequence;

  private final class Task implements Scheduled, Comparable<Task> {
    final Instant when;
    final long order;
    final Runnable work;
    boolean cancelled;

    Task(Instant when, long order, Runnable work) {
      this.when = when;
      this.order = order;
      this.work = work;
    }

    @Override
    public void cancel() {
      synchronized (ManualTime.this) {
        cancelled = true;
        tasks.remove(this);
      }
    }

    @Override
    public int compareTo(Task other) {
      int byTime = when.compareTo(other.when);
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }
  }

  public ManualTime(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    ManualTime source = this;
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return zone;
      }

      @Override
      public Clock withZone(ZoneId other) {
        return source.withZone(other);
      }

      @Override
      public Instant instant() {
        return source.instant();
      }
    };
  }

  @Override
  public Scheduled at(Instant when, Runnable work) {
    Task task;
    synchronized (this) {
      task = new Task(when, sequence++, work);
      if (when.isAfter(now)) {
        tasks.add(task);
        return task;
      }
    }
    work.run();
    return task;
  }

  /** Moves the clock forward, running every task that falls due on the way, in order. */
  public void advance(Duration step) {
    Instant target;
    synchronized (this) {
      target = now.plus(step);
    }
    while (true) {
      Task due;
      synchronized (this) {
        due = tasks.peek();
        if (due == null || due.when.isAfter(target)) {
          now = target;
          return;
        }
        tasks.poll();
        if (due.when.isAfter(now)) {
          now = due.when;
        }
      }
      due.work.run();
    }
  }

  /** Moves the clock forward to {@code target} (which must not lie in the past). */
  public void advanceTo(Instant target) {
    Duration step = Duration.between(instant(), target);
    if (step.isNegative()) {
      throw new IllegalArgumentException("the clock does not go back: " + target);
    }
    advance(step);
  }

  /** The instants of the tasks still waiting, earliest first. */
  public synchronized List<Instant> pending() {
    List<Task> ordered = new ArrayList<>(tasks);
    ordered.sort(null);
    return ordered.stream().map(t -> t.when).toList();
  }
}
