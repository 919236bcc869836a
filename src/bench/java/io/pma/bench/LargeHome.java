package io.pma.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Scenario g, the large home (docs/PERFORMANCE.md): 15,000 entities with realistic attributes
 * fed through the bulk endpoint, then the registry's memory per entity, {@code GET
 * /api/v1/entities}, one client's snapshot in every form, and a storm of clients reconnecting at
 * once while a probe screen measures the loop's lag and the delay of its own live events. Runs on
 * the runner's thread; the clients on one generator event loop.
 */
final class LargeHome {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String[] AREAS = {"kitchen", "living_room", "dining_room", "hall",
      "office", "bedroom", "kids_room", "guest_room", "bathroom", "laundry", "garage", "garden",
      "terrace", "basement", "attic", "workshop", "pantry", "stairs", "porch", "driveway"};
  private static final String[] DOMAINS = {"sensor", "sensor", "sensor", "sensor",
      "binary_sensor", "binary_sensor", "light", "light", "switch", "cover", "climate", "lock",
      "fan", "media_player"};
  private static final Pattern T = Pattern.compile("\"t\":(\\d+)");
  private static final Pattern PONG = Pattern.compile("\"request_id\":\"p(\\d+)\"");
  private static final String PROBE_ENTITY = "sensor.g_probe";

  private final int entities;
  private final int clients;
  private final int singleRuns;
  private final Runner.Target target;
  private final PrintStream out;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .build();
  private final String base;
  /** This server with the run's token (set when the run starts). */
  private Endpoint endpoint;

  LargeHome(Scenario scenario, int singleRuns, Runner.Target target, PrintStream out) {
    this.entities = scenario.entities();
    this.clients = scenario.clients();
    this.singleRuns = singleRuns;
    this.target = target;
    this.out = out;
    this.base = "http://" + target.host() + ":" + target.port();
  }

  void run() throws Exception {
    endpoint = target.endpoint(new ServerApi(target.host(), target.port())
        .longLivedToken(target.user(), target.password()));
    long heapBefore = Proc.liveHeapKib(target.serverPid());
    populate();
    flushHistory();
    awaitHistoryWritten();
    long heapAfter = Proc.liveHeapKib(target.serverPid());
    out.printf(Locale.ROOT, "registry memory: live heap %d -> %d KiB = %.2f KiB per entity"
        + " (after a full GC, the event history refilled with tiny events)%n", heapBefore,
        heapAfter, (heapAfter - heapBefore) / (double) entities);
    if (System.getenv("BENCH_HISTOGRAM") != null) {
      Proc.jcmd(target.serverPid(), "GC.class_histogram").lines().limit(25)
          .forEach(out::println);
    }
    listTimes();
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    // The probe screen reads on its own thread: the storm's clients must not delay its clock.
    EventLoopGroup probeGroup = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    try {
      String all = "{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates\"],"
          + "\"snapshot\":true%s}}";
      for (String[] form : new String[][] {{"default", ""}, {"compact", ",\"compact\":true"}}) {
        for (boolean deflate : new boolean[] {false, true}) {
          singleSnapshots(group, form[0], String.format(all, form[1]), deflate);
        }
      }
      storm(group, probeGroup, "default, plain", String.format(all, ""), false);
      storm(group, probeGroup, "compact + deflate", String.format(all, ",\"compact\":true"),
          true);
    } finally {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      probeGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS);
    }
  }

  /** The entities, through {@code POST /api/v1/entities/states} in requests of 1,000. */
  private void populate() throws Exception {
    Random random = new Random(7);
    long attributeBytes = 0;
    long start = System.nanoTime();
    List<Double> requestMillis = new ArrayList<>();
    for (int from = 0; from < entities; from += 1000) {
      ArrayNode body = JSON.createArrayNode();
      for (int i = from; i < Math.min(entities, from + 1000); i++) {
        ObjectNode item = entity(i, random);
        attributeBytes += item.get("attributes").toString().length();
        body.add(item);
      }
      long t0 = System.nanoTime();
      call("POST", "/api/v1/entities/states", body.toString());
      requestMillis.add((System.nanoTime() - t0) / 1e6);
    }
    out.printf(Locale.ROOT, "populated %,d entities (attributes %.0f B on average, a mix of %d"
            + " domains and %d areas) in %.1f s through the bulk endpoint: %s ms per 1,000 items%n",
        entities, attributeBytes / (double) entities, DOMAINS.length, AREAS.length,
        (System.nanoTime() - start) / 1e9, summary(requestMillis));
  }

  /** One entity of the home: a plausible id, and ~300 bytes of attributes for its domain. */
  private static ObjectNode entity(int i, Random random) {
    String domain = DOMAINS[i % DOMAINS.length];
    String area = AREAS[(i / DOMAINS.length) % AREAS.length];
    String id = domain + "." + area + "_" + domain + "_" + i;
    ObjectNode item = JSON.createObjectNode().put("entity_id", id);
    ObjectNode a = item.putObject("attributes");
    a.put("friendly_name", capital(area.replace('_', ' ')) + " " + domain.replace('_', ' ')
        + " " + i);
    switch (domain) {
      case "sensor" -> {
        item.put("state", String.format(Locale.ROOT, "%.1f", 15 + random.nextDouble() * 10));
        a.put("unit_of_measurement", "°C").put("device_class", "temperature")
            .put("state_class", "measurement");
      }
      case "binary_sensor" -> {
        item.put("state", random.nextBoolean() ? "on" : "off");
        a.put("device_class", "motion");
      }
      case "light" -> {
        item.put("state", random.nextBoolean() ? "on" : "off");
        a.put("brightness", random.nextInt(256)).put("color_mode", "color_temp")
            .put("color_temp_kelvin", 2700 + random.nextInt(3800));
        a.putArray("supported_color_modes").add("color_temp").add("xy");
      }
      case "climate" -> {
        item.put("state", "heat");
        a.put("current_temperature", 20.5).put("temperature", 21).put("hvac_action", "heating");
        a.putArray("hvac_modes").add("off").add("heat").add("auto");
      }
      case "cover" -> {
        item.put("state", "open");
        a.put("current_position", random.nextInt(101)).put("device_class", "shutter");
      }
      default -> item.put("state", random.nextBoolean() ? "on" : "off");
    }
    a.put("manufacturer", "Acme Home Devices").put("model", "AH-" + (1000 + i % 37) + " series")
        .put("sw_version", "2." + (i % 9) + "." + (i % 23)).put("battery", 40 + i % 60)
        .put("linkquality", 60 + random.nextInt(180)).put("area", area)
        .put("last_seen", "2026-12-04T05:" + String.format("%02d:%02d", i % 60, (i / 60) % 60)
            + ".000Z");
    return item;
  }

  private static String capital(String text) {
    return Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }

  /**
   * 10,000 tiny changes of one entity: the event history (kept for resume, the last 10,000
   * events) then holds these instead of the 15,000 additions, so the heap measures the registry.
   */
  private void flushHistory() throws Exception {
    for (int round = 0; round < 10; round++) {
      ArrayNode body = JSON.createArrayNode();
      for (int i = 0; i < 1000; i++) {
        body.addObject().put("entity_id", "sensor.g_history_flush")
            .put("state", Integer.toString(round * 1000 + i));
      }
      call("POST", "/api/v1/entities/states", body.toString());
    }
  }

  /**
   * Waits (at most 60 s) until the history recorder has written every change, so that the memory
   * measured is what the entities cost, not the recorder's backlog of the populating requests.
   */
  private void awaitHistoryWritten() throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      if (metric(callRaw("GET", "/metrics", null), "pma_history_waiting") == 0) {
        return;
      }
      Thread.sleep(100);
    }
    out.println("history recorder still busy after 60 s: memory includes its backlog");
  }

  /** One value of the server's Prometheus text, 0 when absent. */
  private static double metric(String metrics, String series) {
    return metrics.lines().filter(line -> line.startsWith(series + " ")).findFirst()
        .map(line -> Double.parseDouble(line.substring(series.length() + 1))).orElse(0.0);
  }

  /**
   * The server's own view of its loops during the storm: its lag probe's timers (due every 50 ms
   * on each loop) between two scrapes, how many ran more than 100 ms late, and the histogram's
   * bucket that holds the latest. Unlike the probe screen's ping, this leaves out the generator's
   * own delays (its saturated core, its collections).
   */
  private static String serverLoopLag(String before, String after) {
    String lag = "pma_event_loop_lag_seconds";
    double timers = metric(after, lag + "_count") - metric(before, lag + "_count");
    String[] bounds = {"0.001", "0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1.0"};
    double within100 = 0;
    String longest = "> 1000 ms";
    for (String le : bounds) {
      String bucket = lag + "_bucket{le=\"" + le + "\"}";
      double within = metric(after, bucket) - metric(before, bucket);
      within100 = le.equals("0.1") ? within : within100;
      if (within == timers && longest.startsWith(">")) {
        longest = String.format(Locale.ROOT, "<= %.0f ms", Double.parseDouble(le) * 1000);
      }
    }
    return String.format(Locale.ROOT, "%.0f timers, %.0f late by more than 100 ms, the latest %s",
        timers, timers - within100, longest);
  }

  /** {@code GET /api/v1/entities}: unchanged registry (bytes reused), and after each change. */
  private void listTimes() throws Exception {
    List<Double> unchanged = new ArrayList<>();
    List<Double> changed = new ArrayList<>();
    long bytes = 0;
    for (int i = 0; i < 20; i++) {
      long t0 = System.nanoTime();
      bytes = callRaw("GET", "/api/v1/entities", null).length();
      unchanged.add((System.nanoTime() - t0) / 1e6);
    }
    for (int i = 0; i < 20; i++) {
      call("PUT", "/api/v1/entities/sensor.g_list_marker/state", "{\"state\":\"" + i + "\"}");
      long t0 = System.nanoTime();
      callRaw("GET", "/api/v1/entities", null);
      changed.add((System.nanoTime() - t0) / 1e6);
    }
    out.printf(Locale.ROOT, "GET /api/v1/entities (%,d bytes): unchanged registry %s ms;"
        + " after a change %s ms%n", bytes, summary(unchanged), summary(changed));
  }

  /** One client at a time, {@code singleRuns} times: subscribe to the snapshot's last byte. */
  private void singleSnapshots(EventLoopGroup group, String form, String subscribe,
      boolean deflate) throws Exception {
    if (singleRuns == 0) {
      return;
    }
    List<Double> millis = new ArrayList<>();
    SnapshotClient.Result last = null;
    for (int i = 0; i < singleRuns; i++) {
      SnapshotClient client = new SnapshotClient(endpoint, subscribe, deflate, text -> { });
      var channel = bootstrap(group, client).connect(target.host(), target.port()).sync()
          .channel();
      last = client.snapshot.get(60, TimeUnit.SECONDS);
      millis.add(last.millis());
      channel.close().sync();
    }
    out.printf(Locale.ROOT, "one client's snapshot, %s%s: %,d bytes on the wire in %d"
            + " fragments; %s ms (subscribe sent to last byte, %d runs)%n", form,
        deflate ? " + deflate" : ", plain", last.bytes(), last.fragments(), summary(millis),
        singleRuns);
  }

  /**
   * {@code clients} clients connect at once and each asks for the snapshot of every entity,
   * while a probe screen (subscribed to one unrelated entity) pings every 25 ms and receives a
   * change of its entity every 50 ms, made by a REST PUT whose round trip is timed too.
   */
  private void storm(EventLoopGroup group, EventLoopGroup probeGroup, String form,
      String subscribe, boolean deflate) throws Exception {
    call("PUT", "/api/v1/entities/" + PROBE_ENTITY + "/state", "{\"state\":\"0\"}");
    ConcurrentLinkedQueue<Double> lag = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<Double> delay = new ConcurrentLinkedQueue<>();
    SnapshotClient probe = new SnapshotClient(endpoint,
        "{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:" + PROBE_ENTITY
            + "\"],\"snapshot\":true}}", false, text -> probed(text, lag, delay));
    var probeChannel = bootstrap(probeGroup, probe).connect(target.host(), target.port()).sync()
        .channel();
    probe.snapshot.get(30, TimeUnit.SECONDS);
    AtomicBoolean running = new AtomicBoolean(true);
    List<Double> puts = new ArrayList<>();
    Thread pinger = new Thread(() -> {
      while (running.get()) {
        probe.send("{\"type\":\"ping\",\"request_id\":\"p" + System.nanoTime() + "\"}");
        sleep(25);
      }
    }, "g-pinger");
    Thread changer = new Thread(() -> {
      for (int i = 1; running.get(); i++) {
        long t0 = System.nanoTime();
        try {
          call("PUT", "/api/v1/entities/" + PROBE_ENTITY + "/state", "{\"state\":\"" + i
              + "\",\"attributes\":{\"t\":" + t0 + "}}");
          puts.add((System.nanoTime() - t0) / 1e6);
        } catch (Exception e) {
          puts.add(Double.POSITIVE_INFINITY);
        }
        sleep(50);
      }
    }, "g-changer");
    sleep(500);
    lag.clear();
    delay.clear();
    double cpu0 = Proc.cpuSeconds(target.serverPid());
    String metricsBefore = callRaw("GET", "/metrics", null);
    pinger.start();
    changer.start();
    long start = System.nanoTime();
    List<SnapshotClient> storm = new ArrayList<>();
    List<io.netty.channel.ChannelFuture> channels = new ArrayList<>();
    for (int i = 0; i < clients; i++) {
      SnapshotClient client = new SnapshotClient(endpoint, subscribe, deflate, text -> { });
      storm.add(client);
      channels.add(bootstrap(group, client).connect(target.host(), target.port()));
    }
    try {
      CompletableFuture.allOf(storm.stream().map(c -> c.snapshot.exceptionally(e -> null))
          .toArray(CompletableFuture[]::new)).get(300, TimeUnit.SECONDS);
    } catch (java.util.concurrent.TimeoutException e) {
      storm.forEach(c -> c.snapshot.completeExceptionally(
          new IllegalStateException("no snapshot within 300 s")));
    } finally {
      running.set(false);
      pinger.join();
      changer.join();
    }
    double wall = (System.nanoTime() - start) / 1e9;
    double cpu = Proc.cpuSeconds(target.serverPid()) - cpu0;
    String loopLag = serverLoopLag(metricsBefore, callRaw("GET", "/metrics", null));
    int within10 = 0;
    int failed = 0;
    long lastNanos = start;
    long bytes = 0;
    String firstFailure = null;
    for (SnapshotClient client : storm) {
      SnapshotClient.Result r = client.snapshot.exceptionally(e -> null).get();
      if (r == null) {
        failed++;
        if (firstFailure == null) {
          firstFailure = String.valueOf(client.snapshot.handle((v, e) -> e).get());
        }
        continue;
      }
      bytes += r.bytes();
      lastNanos = Math.max(lastNanos, r.snapshotNanos());
      within10 += r.snapshotNanos() - start <= 10_000_000_000L ? 1 : 0;
    }
    out.printf(Locale.ROOT, "storm, %s: %d clients connect at once and take every entity's"
            + " snapshot: %d within 10 s, last after %.2f s, %d failed%s; %.2f GB on the wire;"
            + " server CPU %.1f s in %.1f s%n", form, clients, within10,
        (lastNanos - start) / 1e9, failed, firstFailure == null ? "" : " (" + firstFailure + ")",
        bytes / 1e9, cpu, wall);
    out.printf(Locale.ROOT, "  probe screen meanwhile: loop lag (ping to pong) %s ms;"
            + " its live event's delay %s ms; REST PUT round trip %s ms%n",
        summary(new ArrayList<>(lag)), summary(new ArrayList<>(delay)), summary(puts));
    out.printf(Locale.ROOT, "  the server's own loop-lag timers meanwhile: %s%n", loopLag);
    for (io.netty.channel.ChannelFuture channel : channels) {
      channel.channel().close();
    }
    probeChannel.close().sync();
    sleep(2000);
  }

  private static void probed(String text, ConcurrentLinkedQueue<Double> lag,
      ConcurrentLinkedQueue<Double> delay) {
    long now = System.nanoTime();
    if (text.contains("\"type\":\"pong\"")) {
      Matcher m = PONG.matcher(text);
      if (m.find()) {
        lag.add((now - Long.parseLong(m.group(1))) / 1e6);
      }
    } else if (text.contains("pma_entity_state_changed")) {
      Matcher m = T.matcher(text);
      if (m.find()) {
        delay.add((now - Long.parseLong(m.group(1))) / 1e6);
      }
    }
  }

  private static Bootstrap bootstrap(EventLoopGroup group, SnapshotClient client) {
    return new Bootstrap().group(group).channel(NioSocketChannel.class)
        .option(ChannelOption.TCP_NODELAY, true)
        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 30_000).handler(client);
  }

  /** {@code p50 / p99 / max (n)} of a list of milliseconds. */
  private static String summary(List<Double> values) {
    if (values.isEmpty()) {
      return "none";
    }
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return String.format(Locale.ROOT, "p50 %.1f / p99 %.1f / max %.1f (n=%d)",
        sorted[sorted.length / 2], sorted[Math.min(sorted.length - 1,
            (int) Math.ceil(sorted.length * 0.99) - 1)], sorted[sorted.length - 1],
        sorted.length);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private JsonNode call(String method, String path, String body)
      throws IOException, InterruptedException {
    return JSON.readTree(callRaw(method, path, body));
  }

  private String callRaw(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Bearer " + endpoint.token())
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    HttpResponse<String> response = http.send(request.build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IOException(method + " " + path + ": HTTP " + response.statusCode() + " "
          + response.body());
    }
    return response.body();
  }
}
