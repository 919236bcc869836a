package io.pma.hub;

import io.pma.bench.Microbenchmark;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One published state change through broker, hub, shard, index, encoding and every session's
 * write to 1,000 subscribers (connections that take the bytes and drop them). The score is per
 * delivery: the server's fan-out cost without the socket syscalls. With {@code stalled} the
 * connections never take output, so every delivery queues and, past the soft limit, coalesces
 * (100 entities rotate): the path an overloaded server takes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class FanOutBenchmark extends Microbenchmark {
  private static final int SUBSCRIBERS = 1000;

  @Param({"false", "true"})
  public boolean deflate;

  @Param({"false", "true"})
  public boolean stalled;

  private BenchHub hub;
  private long n;

  @Setup
  public void setUp() {
    hub = new BenchHub(SUBSCRIBERS, deflate, !stalled);
    for (int i = 0; i < SUBSCRIBERS; i++) {
      hub.subscribe(i, "entity_updates", true);
    }
    if (stalled) {
      // Past the soft limit (1,024), so that every measured delivery coalesces.
      for (int i = 0; i < 1100; i++) {
        publish();
      }
    }
  }

  /** Prints how many queue entries the stalled sessions hold: it must stay bounded. */
  @TearDown
  public void tearDown() throws ReflectiveOperationException {
    if (stalled) {
      System.out.printf("%n[queue entries held by %d stalled sessions after %d events: %d]%n",
          SUBSCRIBERS, n, hub.queueEntriesHeld());
    }
  }

  @Benchmark
  @OperationsPerInvocation(SUBSCRIBERS)
  public void publish() {
    hub.publish(BenchHub.change("sensor.bench_" + (n % 100), n++));
  }
}
