package io.pma.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.pma.adapter.AdapterManager;
import io.pma.adapter.mqtt.MqttAdapter;
import io.pma.bus.Broker;
import io.pma.bus.Published;
import io.pma.domain.AdapterState;
import io.pma.domain.AdapterStatus;
import io.pma.history.Recorder;
import io.pma.registry.EntityRegistry;
import io.pma.registry.WriteBehind;
import io.pma.system.AlertMetric;
import io.pma.system.ProcessSampler;
import io.pma.system.RaisedAlerts;
import io.pma.topic.TopicFamily;
import io.vertx.core.metrics.MetricsOptions;
import io.vertx.core.spi.VertxMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * One server's meters and their Prometheus text. Vert.x reports into the same registry (HTTP
 * server, pools, JVM). Thread-safe: meters are updated from any thread and read on scrape.
 */
public final class PmaMetrics implements FanoutMetrics {
  /** The content type of Prometheus text exposition format 0.0.4. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private static final Duration[] FANOUT_BUCKETS = {Duration.ofNanos(250_000),
      Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
      Duration.ofMillis(2500), Duration.ofSeconds(5)};

  private static final Duration[] LOOP_LAG_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5),
      Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100),
      Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1)};

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final Timer fanout;
  private final Timer loopLag;
  private final Map<TopicFamily, Counter> events = new EnumMap<>(TopicFamily.class);

  public PmaMetrics() {
    // Fixed buckets keep the exposition short; the p99 that alerts read is computed in-process
    // and decays over 30 s, so an alert clears within about that once latency drops.
    this.fanout = Timer.builder("pma.ws.fanout.latency")
        .description("Time from an event's publish to its frame handed to the last subscriber"
            + " socket on a loop")
        .serviceLevelObjectives(FANOUT_BUCKETS).publishPercentiles(0.99)
        .distributionStatisticExpiry(Duration.ofSeconds(30)).distributionStatisticBufferLength(3)
        .register(registry);
    this.loopLag = Timer.builder("pma.event_loop.lag")
        .description("How late a timer due every 50 ms ran on each event loop: the time the loop"
            + " was kept from its tasks (long work, a collection, a starved core)")
        .serviceLevelObjectives(LOOP_LAG_BUCKETS).register(registry);
    for (TopicFamily family : TopicFamily.values()) {
      events.put(family, Counter.builder("pma.events.published")
          .description("Events published on the broker, by topic family")
          .tag("family", family.wireName()).register(registry));
    }
  }

  public MeterRegistry registry() {
    return registry;
  }

  /**
   * Options for {@code VertxOptions.setMetricsOptions}: Vert.x's own meters and the JVM's. Each
   * server gets its own registry name, because Vert.x shares registries of equal name process-wide.
   */
  public MetricsOptions vertxOptions() {
    return new MicrometerMetricsOptions().setEnabled(true).setJvmMetricsEnabled(true)
        .setRegistryName("pma-" + UUID.randomUUID());
  }

  public VertxMetricsFactory vertxFactory() {
    return new MicrometerMetricsFactory(registry);
  }

  /** The current meters as Prometheus text. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void recordFanout(long nanos) {
    fanout.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** One event loop's lateness, measured by its lag probe's timer. */
  public void recordLoopLag(long nanos) {
    loopLag.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The fan-out latency p99 over the last ~30 s, in milliseconds (0 before any event). */
  public double fanoutP99Millis() {
    for (ValueAtPercentile p : fanout.takeSnapshot().percentileValues()) {
      if (p.percentile() == 0.99) {
        return p.value(TimeUnit.MILLISECONDS);
      }
    }
    return 0;
  }

  /** Counts every event by topic family; the listener only bumps a counter. */
  public void countEvents(Broker broker) {
    broker.subscribe(this::count);
  }

  private void count(Published published) {
    events.get(published.event().family()).increment();
  }

  public void bindHub(HubMeters hub) {
    gauge("pma.ws.connections", "Open /ws connections", hub, HubMeters::connectedClients);
    gauge("pma.ws.connections.authenticated", "Open /ws connections with an authenticated user",
        hub, HubMeters::authenticatedClients);
    gauge("pma.ws.outbound.queue.depth", "Messages waiting in all /ws outbound queues", hub,
        HubMeters::outboundQueueDepth);
    counter("pma.ws.messages.received", "Messages received from /ws clients", hub,
        HubMeters::messagesReceived);
    counter("pma.ws.messages.sent", "Messages sent to /ws clients", hub, HubMeters::messagesSent);
    FunctionCounter.builder("pma.ws.sent", hub, h -> h.bytesSent()).baseUnit("bytes")
        .description("Bytes of messages sent to /ws clients (before compression)")
        .register(registry);
    counter("pma.ws.messages.coalesced", "Entity updates merged into a newer pending one", hub,
        HubMeters::messagesCoalesced);
    counter("pma.ws.messages.dropped", "Messages dropped for slow or closed connections", hub,
        HubMeters::messagesDropped);
  }

  /** A gauge of {@code value} of {@code source}, read at each scrape. */
  private <T> void gauge(String name, String description, T source, ToDoubleFunction<T> value) {
    Gauge.builder(name, source, value).description(description).register(registry);
  }

  /** A counter whose total is {@code value} of {@code source}, read at each scrape. */
  private <T> void counter(String name, String description, T source,
      ToDoubleFunction<T> value) {
    FunctionCounter.builder(name, source, value).description(description).register(registry);
  }

  /** Entities, adapters, database write lag, process memory and raised alerts. */
  public void bindSystem(EntityRegistry entities, AdapterManager adapters, WriteBehind writes,
      RaisedAlerts alerts) {
    gauge("pma.entities", "Entities in the registry", entities, EntityRegistry::size);
    for (AdapterStatus status : adapters.statuses()) {
      String id = status.adapterId();
      Gauge.builder("pma.adapter.up", adapters, a -> connected(a, id))
          .description("1 while the adapter is connected, else 0")
          .tags("adapter", id, "type", status.adapterType()).register(registry);
      Gauge.builder("pma.adapter.entities", adapters, a -> entityCount(a, id))
          .description("Entities owned by the adapter").tag("adapter", id).register(registry);
      adapters.get(id).filter(MqttAdapter.class::isInstance).map(MqttAdapter.class::cast)
          .ifPresent(mqtt -> FunctionCounter.builder("pma.mqtt.messages.dropped", mqtt,
              MqttAdapter::oversizedMessages)
              .description("Messages from the broker dropped unread for exceeding"
                  + " mqtt.max_message_bytes")
              .tags("adapter", id, "reason", "oversized").register(registry));
    }
    Gauge.builder("pma.database.write.lag", writes, w -> w.lagMillis() / 1000.0)
        .baseUnit("seconds").description("Age of the oldest entity change not yet written")
        .register(registry);
    gauge("pma.database.write.failing", "1 while entity writes fail", writes,
        w -> w.lastWriteFailed() ? 1 : 0);
    Gauge.builder("process.resident.memory", () -> ProcessSampler.residentSetBytes())
        .baseUnit("bytes").description("Resident set size of the process").register(registry);
    for (AlertMetric metric : AlertMetric.values()) {
      Gauge.builder("pma.performance.alert.raised", alerts,
          a -> a.metrics().contains(metric.wireName()) ? 1 : 0)
          .description("1 while the performance alert on the metric is raised")
          .tag("metric", metric.wireName()).register(registry);
    }
  }

  /** The history recorder's backlog and throughput (docs/HISTORY.md). */
  public void bindHistory(Recorder recorder) {
    gauge("pma.history.waiting", "Entity changes not yet written to the history", recorder,
        Recorder::waiting);
    counter("pma.history.written", "Entity changes written to the history", recorder,
        Recorder::written);
    counter("pma.history.dropped", "Entity changes dropped because the history's backlog was full",
        recorder, Recorder::dropped);
  }

  private static double connected(AdapterManager adapters, String id) {
    return adapters.get(id).map(a -> a.status().status() == AdapterState.CONNECTED ? 1 : 0)
        .orElse(0);
  }

  private static double entityCount(AdapterManager adapters, String id) {
    return adapters.get(id).map(a -> a.status().entityCount()).orElse(0);
  }

  public void close() {
    registry.close();
  }
}
