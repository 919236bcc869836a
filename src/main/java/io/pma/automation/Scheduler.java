package io.pma.automation;

import java.time.Instant;

/**
 * Runs tasks at instants of the engine's clock. Tasks may run on any thread (the engine hands them
 * to its own context). A task whose instant has already passed runs at once. Injected so that
 * tests move a controllable clock instead of sleeping.
 */
public interface Scheduler {

  /** Schedules {@code task} to run when the clock reaches {@code when}. */
  Scheduled at(Instant when, Runnable task);

  /** A scheduled task. */
  interface Scheduled {
    /** Prevents the task from running if it has not started yet; idempotent. */
    void cancel();
  }
}
