package io.pma.hub;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One published state change through broker, hub, shard, index, encoding and every session's
 * write to 1,000 subscribers (connections that take the bytes and drop them). The score is per
 * delivery: the server's fan-out cost without the socket syscalls.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FanOutBenchmark {
  private static final int SUBSCRIBERS = 1000;

  @Param({"false", "true"})
  public boolean deflate;

  private BenchHub hub;
  private long n;

  @Setup
  public void setUp() {
    hub = new BenchHub(SUBSCRIBERS, deflate);
    for (int i = 0; i < SUBSCRIBERS; i++) {
      hub.subscribe(i, "entity_updates", true);
    }
  }

  @Benchmark
  @OperationsPerInvocation(SUBSCRIBERS)
  public void publish() {
    hub.publish(BenchHub.change("sensor.bench_" + (n % 100), n++));
  }
}
