package io.pma.system;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * Gathers one {@link PerformanceSample} from where each figure lives: the JVM, the loop probe,
 * the fan-out latency timer, the hub's queues and the entity write-behind. Called on the system
 * monitor's context; reading resets the loop probe's maximum.
 */
public final class PerformanceSampler {
  private final ProcessSampler process;
  private final LoopLagProbe loops;
  private final DoubleSupplier fanoutP99Ms;
  private final LongSupplier outboundQueueDepth;
  private final LongSupplier databaseWriteLagMs;

  public PerformanceSampler(ProcessSampler process, LoopLagProbe loops, DoubleSupplier fanoutP99Ms,
      LongSupplier outboundQueueDepth, LongSupplier databaseWriteLagMs) {
    this.process = process;
    this.loops = loops;
    this.fanoutP99Ms = fanoutP99Ms;
    this.outboundQueueDepth = outboundQueueDepth;
    this.databaseWriteLagMs = databaseWriteLagMs;
  }

  public PerformanceSample sample() {
    return new PerformanceSample(process.heapUsedPercent(), loops.takeMaxLagMillis(),
        fanoutP99Ms.getAsDouble(), outboundQueueDepth.getAsLong(),
        databaseWriteLagMs.getAsLong());
  }

  public void start() {
    loops.start();
  }

  public void stop() {
    loops.stop();
  }
}
