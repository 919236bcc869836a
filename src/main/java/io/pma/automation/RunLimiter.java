package io.pma.automation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The loop guard of one rule: at most {@code maxPerSecond} runs in any one-second window, and a
 * chain of runs caused by runs at most {@code maxDepth} deep. A rule whose action re-triggers it
 * through an adapter that answers synchronously is stopped by depth; one that re-triggers it
 * through a slower path is stopped by the rate. Confined to the engine's context.
 */
final class RunLimiter {
  private static final Duration WINDOW = Duration.ofSeconds(1);

  private final int maxPerSecond;
  private final int maxDepth;
  private final Deque<Instant> recent = new ArrayDeque<>();
  private Instant lastReported;

  RunLimiter(int maxPerSecond, int maxDepth) {
    this.maxPerSecond = maxPerSecond;
    this.maxDepth = maxDepth;
  }

  /** Why a run at {@code depth} must not start now, or null when it may (and is counted). */
  String refuse(Instant now, int depth) {
    if (depth > maxDepth) {
      return "chain of runs triggered by runs is deeper than " + maxDepth
          + " (automation.max_chain_depth)";
    }
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(WINDOW))) {
      recent.pollFirst();
    }
    if (recent.size() >= maxPerSecond) {
      return "more than " + maxPerSecond + " runs within one second"
          + " (automation.max_runs_per_second)";
    }
    recent.addLast(now);
    return null;
  }

  /** Whether a refusal at {@code now} should be recorded (at most one per window). */
  boolean shouldReport(Instant now) {
    if (lastReported != null && now.isBefore(lastReported.plus(WINDOW))) {
      return false;
    }
    lastReported = now;
    return true;
  }
}
