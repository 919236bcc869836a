package io.pma.bench;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Runs one scenario against a running server: creates the entities, connects the subscribers,
 * warms up, then measures each rate step and prints it as a table row. Runs on the main thread;
 * the network work runs on the generator's event loops.
 */
final class Runner {
  /** Where the server is and how to log in. */
  record Target(String host, int port, long serverPid, String user, String password) {
    /** This server, reached with {@code token}. */
    Endpoint endpoint(String token) {
      return new Endpoint(host, port, token);
    }
  }

  private static final long NO_PROGRESS_NANOS = TimeUnit.MILLISECONDS.toNanos(500);
  private static final long SETTLE_LIMIT_NANOS = TimeUnit.SECONDS.toNanos(10);

  private final Scenario s;
  private final Target target;
  private final PrintStream out;
  private final int[] subscribersPerEntity;
  /** The injector's phase of the last measured step (for its PUT round trips). */
  private Injector.Phase lastPhase;

  Runner(Scenario scenario, Target target, PrintStream out) {
    this.s = scenario;
    this.target = target;
    this.out = out;
    this.subscribersPerEntity = new int[scenario.entities()];
  }

  static String entity(long n) {
    return "sensor.bench_" + n;
  }

  void run() throws Exception {
    ServerApi api = new ServerApi(target.host(), target.port());
    Endpoint endpoint = target.endpoint(api.longLivedToken(target.user(), target.password()));
    EventLoopGroup clientLoops = new MultiThreadIoEventLoopGroup(s.clientThreads(),
        NioIoHandler.newFactory());
    EventLoopGroup injectorLoop = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      Injector injector = new Injector(injectorLoop.next(), endpoint, s.maxInFlight());
      injector.open(s.injectorConnections());
      injector.run(20_000, 120, s.entities(), Runner::entity).get();
      long heapBefore = Proc.liveHeapKib(target.serverPid());
      long rssBefore = Proc.rssKib(target.serverPid());
      Fleet fleet = new Fleet(clientLoops, endpoint, specs(), s.connectConcurrency());
      boolean settled = fleet.connectAll(300);
      reportConnect(fleet, settled, rssBefore, heapBefore);
      if (!s.idle()) {
        measureRates(api, injector, fleet);
      }
      injector.close();
    } finally {
      clientLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      injectorLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  private List<ClientSpec> specs() {
    Random random = new Random(42);
    List<ClientSpec> specs = new ArrayList<>();
    for (int i = 0; i < s.clients() + s.stalled(); i++) {
      boolean stall = i >= s.clients();
      List<String> topics = List.of("entity_updates");
      if (s.topicsPerClient() > 0) {
        Set<String> picked = new LinkedHashSet<>();
        while (picked.size() < Math.min(s.topicsPerClient(), s.entities())) {
          int e = random.nextInt(s.entities());
          if (picked.add("entity_updates:" + entity(e)) && !stall) {
            subscribersPerEntity[e]++;
          }
        }
        topics = List.copyOf(picked);
      }
      specs.add(new ClientSpec(i, topics, s.deflate(), !stall && i % s.probeEvery() == 0, stall));
    }
    return specs;
  }

  private void reportConnect(Fleet fleet, boolean settled, long rssBefore, long heapBefore)
      throws Exception {
    double seconds = fleet.connectSeconds();
    Fleet.Tally tally = fleet.tally();
    out.printf(Locale.ROOT, "connected: %d subscribed, %d failed%s in %.2f s = %.0f connections/s"
            + " (second half: %.0f/s); %d negotiated permessage-deflate%n",
        tally.subscribed(), tally.failed(), settled ? "" : " (timed out)", seconds,
        tally.subscribed() / seconds, fleet.secondHalfRate(), fleet.compressedCount());
    fleet.failures().forEach(f -> out.println("  failure: " + f));
    if (s.idle()) {
      int n = Math.max(1, tally.subscribed());
      long heapAfter = Proc.liveHeapKib(target.serverPid());
      long rssAfter = Proc.rssKib(target.serverPid());
      out.printf(Locale.ROOT, "server RSS: %d KiB before, %d KiB with %d idle connections"
              + " = %.1f KiB per connection; live heap %d -> %d KiB = %.1f KiB per connection%n",
          rssBefore, rssAfter, n, (rssAfter - rssBefore) / (double) n, heapBefore, heapAfter,
          (heapAfter - heapBefore) / (double) n);
      if (System.getenv("BENCH_HISTOGRAM") != null) {
        Proc.jcmd(target.serverPid(), "GC.class_histogram").lines().limit(40)
            .forEach(out::println);
      }
      if (System.getenv("BENCH_NMT") != null) {
        out.println(Proc.jcmd(target.serverPid(), "VM.native_memory", "summary"));
      }
    }
  }

  private void measureRates(ServerApi api, Injector injector, Fleet fleet) throws Exception {
    // A stalled client may be closed during the warm-up already: the summary counts from here.
    ServerApi.Stats runStart = api.stats();
    injector.run(s.rates()[0], s.warmupSeconds(), Long.MAX_VALUE, this::rotating).get();
    settle(fleet, fleet.delivered(), Long.MAX_VALUE);
    out.println();
    out.println(StepResult.header());
    double bestBounded = 0;
    double best = 0;
    for (double rate : s.rates()) {
      StepResult result = step(api, injector, fleet, rate);
      out.println(result.row());
      Histogram puts = lastPhase.roundTripMicros();
      out.printf(Locale.ROOT, "  REST PUT round trip (write to answer, pipelined): p50 %.1f /"
          + " p99 %.1f / max %.1f ms%n", puts.getValueAtPercentile(50) / 1000.0,
          puts.getValueAtPercentile(99) / 1000.0, puts.getMaxValue() / 1000.0);
      out.flush();
      out.printf(Locale.ROOT, "  -> %s (bounded: the injector reached the rate, >= 99.9%%"
          + " delivered, nothing coalesced or dropped, queues drained; sustained: also p99 <= 50"
          + " ms)%n", result.sustained() ? "sustained" : result.bounded() ? "bounded, p99 > 50 ms"
          : "NOT bounded");
      if (result.bounded()) {
        bestBounded = Math.max(bestBounded, result.deliveriesPerSecond());
      }
      if (result.sustained()) {
        best = Math.max(best, result.deliveriesPerSecond());
      }
      if (!result.bounded() && s.ramp()) {
        break;
      }
    }
    out.printf(Locale.ROOT, "%nbest bounded: %,.0f deliveries/s", bestBounded);
    summary(fleet, best);
    if (s.stalled() > 0) {
      ServerApi.Stats end = api.stats();
      out.printf("over the whole run (warm-up included): %d closed with 4008, %d messages"
          + " dropped%n", end.slowConsumerDisconnects() - runStart.slowConsumerDisconnects(),
          end.dropped() - runStart.dropped());
    }
  }

  private String rotating(long n) {
    return entity(n % s.entities());
  }

  private StepResult step(ServerApi api, Injector injector, Fleet fleet, double rate)
      throws Exception {
    fleet.takeLatency();
    ServerApi.Stats before = api.stats();
    long delivered0 = fleet.delivered();
    double cpu0 = Proc.cpuSeconds(target.serverPid());
    double self0 = Proc.cpuSeconds(Proc.self());
    long t0 = System.nanoTime();
    Injector.Phase phase = injector.run(rate, s.stepSeconds(), Long.MAX_VALUE, this::rotating)
        .get();
    lastPhase = phase;
    double wall = (System.nanoTime() - t0) / 1e9;
    double cpu = Proc.cpuSeconds(target.serverPid()) - cpu0;
    double self = Proc.cpuSeconds(Proc.self()) - self0;
    long expected = expected(phase.sent());
    long lastProgress = settle(fleet, delivered0 + expected, t0);
    long delivered = fleet.delivered() - delivered0;
    ServerApi.Stats after = api.stats();
    if (phase.errors() > 0) {
      out.println("  injector errors: " + phase.errors() + " (first: " + phase.firstError() + ")");
    }
    long messages = Math.max(1, after.messagesSent() - before.messagesSent());
    return new StepResult(s.name(), s.clients(), rate, phase.rate(),
        delivered / ((lastProgress - t0) / 1e9), delivered, expected, fleet.takeLatency(),
        100 * cpu / wall, 100 * self / wall, cpu, Proc.rssKib(target.serverPid()),
        (after.bytesSent() - before.bytesSent()) / (double) messages, after,
        after.coalesced() - before.coalesced(), after.dropped() - before.dropped(),
        after.slowConsumerDisconnects() - before.slowConsumerDisconnects());
  }

  /** Deliveries the subscribers should see for the first {@code sent} changes of a phase. */
  private long expected(long sent) {
    if (s.topicsPerClient() == 0) {
      return sent * s.clients();
    }
    long total = 0;
    for (long n = 0; n < sent; n++) {
      total += subscribersPerEntity[(int) (n % s.entities())];
    }
    return total;
  }

  /**
   * Waits until {@code goal} deliveries were counted or they stop coming; returns the time of
   * the last observed progress (or {@code since} when there was none).
   */
  private long settle(Fleet fleet, long goal, long since) throws InterruptedException {
    long start = System.nanoTime();
    long last = fleet.delivered();
    long lastProgress = since == Long.MAX_VALUE ? start : Math.max(since, start);
    while (last < goal && System.nanoTime() - lastProgress < NO_PROGRESS_NANOS
        && System.nanoTime() - start < SETTLE_LIMIT_NANOS) {
      Thread.sleep(10);
      long now = fleet.delivered();
      if (now != last) {
        last = now;
        lastProgress = System.nanoTime();
      }
    }
    return last >= goal ? System.nanoTime() : lastProgress;
  }

  private void summary(Fleet fleet, double best) {
    long[] range = fleet.healthyEventRange();
    Fleet.Tally tally = fleet.tally();
    out.printf(Locale.ROOT, "%nbest sustained: %,.0f deliveries/s; per healthy client %d..%d"
        + " events; close codes seen: %s; disconnected: %d; protocol errors: %d%n", best,
        range[0], range[1], fleet.closeCodes(), tally.disconnected(), tally.protocolErrors());
    fleet.failures().forEach(f -> out.println("  failure: " + f));
    if (s.stalled() > 0) {
      out.printf("stalled clients: %d, events they took before stalling: %d%n", s.stalled(),
          fleet.stalledDelivered());
    }
  }
}
