package io.pma.bench;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The subscribers of one run: connects them with at most {@code concurrency} handshakes in
 * flight, and gathers what they see (deliveries, latency in microseconds, close codes, failures).
 * The counters are written from the clients' event loops and read by the runner's thread.
 */
final class Fleet {
  /** How many clients subscribed, failed, were disconnected and saw protocol errors so far. */
  record Tally(int subscribed, int failed, int disconnected, int protocolErrors) {}

  private static final int MAX_FAILURES_KEPT = 5;

  private final Endpoint endpoint;
  private final List<ClientSpec> specs;
  private final Bootstrap bootstrap;
  private final int concurrency;
  private final LongAdder delivered = new LongAdder();
  private final LongAdder stalledDelivered = new LongAdder();
  private final Recorder latency = new Recorder(TimeUnit.HOURS.toMicros(1), 3);
  private final AtomicInteger next = new AtomicInteger();
  private final AtomicInteger upgraded = new AtomicInteger();
  private final AtomicInteger subscribed = new AtomicInteger();
  private final AtomicInteger failed = new AtomicInteger();
  private final AtomicInteger disconnected = new AtomicInteger();
  private final AtomicInteger protocolErrors = new AtomicInteger();
  private final Map<Integer, LongAdder> closeCodes = new ConcurrentHashMap<>();
  private final Queue<String> failures = new ConcurrentLinkedQueue<>();
  private final Queue<BenchClient> clients = new ConcurrentLinkedQueue<>();
  private final CountDownLatch settled;
  private volatile long startNanos;
  private volatile long lastSubscribedNanos;
  private volatile long halfSubscribedNanos;

  Fleet(EventLoopGroup group, Endpoint endpoint, List<ClientSpec> specs, int concurrency) {
    this.endpoint = endpoint;
    this.specs = specs;
    this.concurrency = concurrency;
    this.settled = new CountDownLatch(specs.size());
    this.bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true);
  }

  /** Connects every client; returns once all are subscribed or failed, or the timeout passed. */
  boolean connectAll(long timeoutSeconds) throws InterruptedException {
    startNanos = System.nanoTime();
    for (int i = 0; i < Math.min(concurrency, specs.size()); i++) {
      launch();
    }
    return settled.await(timeoutSeconds, TimeUnit.SECONDS);
  }

  private void launch() {
    int i = next.getAndIncrement();
    if (i >= specs.size()) {
      return;
    }
    ClientSpec spec = specs.get(i);
    BenchClient client = new BenchClient(this, spec);
    Bootstrap one = bootstrap.clone().handler(client);
    if (spec.stall()) {
      // A small receive window makes the stall reach the server within seconds.
      one.option(ChannelOption.SO_RCVBUF, 4096);
    }
    clients.add(client);
    one.connect(endpoint.host(), endpoint.port()).addListener(f -> {
      if (!f.isSuccess()) {
        failed(client, "connect: " + f.cause());
      }
    });
  }

  // ---- called by the clients, on their event loops ----

  void upgraded(BenchClient client) {
    upgraded.incrementAndGet();
  }

  void subscribed(BenchClient client) {
    long now = System.nanoTime();
    if (subscribed.incrementAndGet() == specs.size() / 2) {
      halfSubscribedNanos = now;
    }
    lastSubscribedNanos = now;
    settled.countDown();
    launch();
  }

  void failed(BenchClient client, String why) {
    failed.incrementAndGet();
    keep(why);
    settled.countDown();
    launch();
  }

  void protocolError(BenchClient client, String what) {
    protocolErrors.incrementAndGet();
    keep(what);
  }

  /** Keeps the first few failures for the report (the counters say how many there were). */
  private void keep(String failure) {
    if (failures.size() < MAX_FAILURES_KEPT) {
      failures.add(failure);
    }
  }

  void delivered(BenchClient client) {
    client.events++;
    if (client.spec().stall()) {
      stalledDelivered.increment();
    } else {
      delivered.increment();
    }
  }

  void latency(long nanos) {
    latency.recordValue(Math.max(0, nanos / 1000));
  }

  void closedBy(BenchClient client, int code) {
    closeCodes.computeIfAbsent(code, c -> new LongAdder()).increment();
  }

  void disconnected(BenchClient client) {
    disconnected.incrementAndGet();
  }

  Endpoint endpoint() {
    return endpoint;
  }

  // ---- read by the runner ----

  long delivered() {
    return delivered.sum();
  }

  long stalledDelivered() {
    return stalledDelivered.sum();
  }

  /** The latency histogram since the previous call (microseconds). */
  Histogram takeLatency() {
    return latency.getIntervalHistogram();
  }

  Tally tally() {
    return new Tally(subscribed.get(), failed.get(), disconnected.get(), protocolErrors.get());
  }

  /** Seconds from the first connect to the last subscription. */
  double connectSeconds() {
    return (lastSubscribedNanos - startNanos) / 1e9;
  }

  /** Connections per second over the second half (the JIT of both sides warmed up by then). */
  double secondHalfRate() {
    int half = specs.size() - specs.size() / 2;
    return half / ((lastSubscribedNanos - halfSubscribedNanos) / 1e9);
  }

  Map<Integer, Long> closeCodes() {
    Map<Integer, Long> codes = new TreeMap<>();
    closeCodes.forEach((code, n) -> codes.put(code, n.sum()));
    return codes;
  }

  List<String> failures() {
    return List.copyOf(failures);
  }

  /** Fewest and most events any healthy (non-stalled) client received. */
  long[] healthyEventRange() {
    long min = Long.MAX_VALUE;
    long max = 0;
    for (BenchClient client : clients) {
      if (!client.spec().stall() && client.isSubscribed()) {
        min = Math.min(min, client.events);
        max = Math.max(max, client.events);
      }
    }
    return new long[] {min == Long.MAX_VALUE ? 0 : min, max};
  }

  int compressedCount() {
    int n = 0;
    for (BenchClient client : clients) {
      n += client.compressed() ? 1 : 0;
    }
    return n;
  }
}
