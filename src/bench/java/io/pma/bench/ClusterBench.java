package io.pma.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * The two-node scenario ({@code bench/run.sh cluster}): state changes are written through node A's
 * REST API at a fixed rate while subscribers on node A and on node B receive them; the send time
 * travels in the entity's attributes, so each delivery's end-to-end latency (REST write → Redis
 * stream → node → WebSocket) is measured on one clock. Prints one row per node. Bounded in time.
 * Usage: {@code ClusterBench --a PORT --b PORT --password PW [--rate R --seconds S --warmup S
 * --subscribers N]}.
 */
public final class ClusterBench {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** How long the writes took to be answered (the REST part of the latency). */
  private static final Histogram REST = new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3);

  private ClusterBench() {}

  /** What the subscribers of one node received. */
  record NodeResult(String name, AtomicLong received, Histogram latencyMicros,
      Histogram fromPublishMicros) {}

  public static void main(String[] args) throws Exception {
    java.util.Map<String, String> o = new java.util.HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      o.put(args[i].replaceFirst("^--", ""), args[i + 1]);
    }
    int portA = Integer.parseInt(o.get("a"));
    int portB = Integer.parseInt(o.get("b"));
    int rate = Integer.parseInt(o.getOrDefault("rate", "1000"));
    int seconds = Integer.parseInt(o.getOrDefault("seconds", "10"));
    int subscribers = Integer.parseInt(o.getOrDefault("subscribers", "50"));
    String password = o.get("password");
    Vertx vertx = Vertx.vertx();
    try {
      String tokenA = new ServerApi("127.0.0.1", portA).longLivedToken("admin", password);
      String tokenB = new ServerApi("127.0.0.1", portB).longLivedToken("admin", password);
      NodeResult a = subscribe(vertx, "A (writer's node)", portA, tokenA, subscribers);
      NodeResult b = subscribe(vertx, "B (other node)", portB, tokenB, subscribers);
      int warmup = Integer.parseInt(o.getOrDefault("warmup", "3"));
      write(vertx, portA, tokenA, rate, warmup); // connections, JIT: not measured
      Thread.sleep(1000);
      for (NodeResult r : List.of(a, b)) {
        r.received().set(0);
        r.latencyMicros().reset();
        r.fromPublishMicros().reset();
      }
      REST.reset();
      long sent = write(vertx, portA, tokenA, rate, seconds);
      long drainedBy = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while ((a.received().get() < sent * subscribers || b.received().get() < sent * subscribers)
          && System.nanoTime() < drainedBy) {
        Thread.sleep(20); // the tail of the stream drains (bounded)
      }
      System.out.printf(Locale.ROOT, "two nodes, one Redis stream: %d writes/s for %d s through"
          + " node A's REST API, %d subscribers per node; %d writes accepted; load average %s%n",
          rate, seconds, subscribers, sent, java.nio.file.Files.readString(
              java.nio.file.Path.of("/proc/loadavg")).trim());
      System.out.printf(Locale.ROOT, "REST write answered: p50 %.2f ms, p99 %.2f ms%n",
          REST.getValueAtPercentile(50) / 1000.0, REST.getValueAtPercentile(99) / 1000.0);
      System.out.println("| node | delivered/expected | deliveries/s | write→client p50 ms | p99 ms"
          + " | max ms | publish→client p50 ms | p99 ms |");
      System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|");
      for (NodeResult r : List.of(a, b)) {
        long expected = sent * subscribers;
        System.out.printf(Locale.ROOT, "| %s | %d/%d | %,.0f | %.2f | %.2f | %.2f | %.1f | %.1f |%n",
            r.name(), r.received().get(), expected, r.received().get() / (double) seconds,
            r.latencyMicros().getValueAtPercentile(50) / 1000.0,
            r.latencyMicros().getValueAtPercentile(99) / 1000.0,
            r.latencyMicros().getMaxValue() / 1000.0,
            r.fromPublishMicros().getValueAtPercentile(50) / 1000.0,
            r.fromPublishMicros().getValueAtPercentile(99) / 1000.0);
      }
    } finally {
      vertx.close(); // the JVM exits now; sockets need not close cleanly
    }
    System.exit(0);
  }

  private static NodeResult subscribe(Vertx vertx, String name, int port, String token, int n)
      throws Exception {
    NodeResult result = new NodeResult(name, new AtomicLong(),
        new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3),
        new ConcurrentHistogram(TimeUnit.SECONDS.toMicros(60), 3));
    WebSocketClient client = vertx.createWebSocketClient();
    List<Future<?>> ready = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ready.add(client.connect(new WebSocketConnectOptions().setPort(port).setHost("127.0.0.1")
          .setURI("/ws?token=" + token)).compose(ws -> {
            io.vertx.core.Promise<Void> subscribed = io.vertx.core.Promise.promise();
            ws.textMessageHandler(text -> onMessage(text, result, subscribed));
            return ws.writeTextMessage("{\"type\":\"subscribe\",\"data\":{\"topics\":"
                + "[\"entity_updates:light.bench_*\"]}}").compose(v -> subscribed.future());
          }));
    }
    Future.all(ready).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    return result;
  }

  private static void onMessage(String text, NodeResult result,
      io.vertx.core.Promise<Void> subscribed) {
    long now = System.nanoTime();
    JsonNode message;
    try {
      message = JSON.readTree(text);
    } catch (java.io.IOException e) {
      return;
    }
    String type = message.path("type").asText();
    if ("subscription_success".equals(type)) {
      subscribed.tryComplete();
    } else if (type.startsWith("pma_entity_")) {
      JsonNode sentAt = message.path("data").path("attributes").path("t");
      if (sentAt.isMissingNode()) {
        sentAt = message.path("data").path("entity").path("attributes").path("t");
      }
      if (sentAt.isNumber()) {
        result.received().incrementAndGet();
        result.latencyMicros().recordValue(Math.max(0, (now - sentAt.asLong()) / 1000));
        // The envelope's timestamp is when node A published (wall clock, milliseconds).
        java.time.Instant published = java.time.Instant.parse(message.path("timestamp").asText());
        result.fromPublishMicros().recordValue(Math.max(0,
            java.time.Duration.between(published, java.time.Instant.now()).toNanos() / 1000));
      }
    }
  }

  /** Writes {@code rate} state changes a second for {@code seconds}; returns how many succeeded. */
  private static long write(Vertx vertx, int port, String token, int rate, int seconds)
      throws Exception {
    HttpClient http = vertx.createHttpClient(new HttpClientOptions(),
        new PoolOptions().setHttp1MaxSize(16));
    AtomicLong ok = new AtomicLong();
    AtomicLong issued = new AtomicLong();
    AtomicLong answered = new AtomicLong();
    long total = (long) rate * seconds;
    long start = System.nanoTime();
    io.vertx.core.Promise<Void> done = io.vertx.core.Promise.promise();
    vertx.setPeriodic(1, timer -> {
      long due = Math.min(total, (System.nanoTime() - start) * rate / 1_000_000_000L);
      while (issued.get() < due) {
        long i = issued.incrementAndGet();
        long sentAt = System.nanoTime();
        String body = "{\"state\":\"" + (i % 2 == 0 ? "on" : "off") + "\",\"attributes\":{\"t\":"
            + sentAt + ",\"n\":" + i + "}}";
        http.request(new RequestOptions().setMethod(HttpMethod.PUT).setHost("127.0.0.1")
            .setPort(port).setURI("/api/v1/entities/light.bench_" + (i % 10) + "/state")
            .putHeader("Authorization", "Bearer " + token)
            .putHeader("Content-Type", "application/json"))
            .compose(req -> req.send(Buffer.buffer(body)))
            .compose(resp -> resp.body().map(b -> resp.statusCode())) // frees the connection
            .onComplete(result -> {
              REST.recordValue(Math.max(0, (System.nanoTime() - sentAt) / 1000));
              answered.incrementAndGet();
              if (result.succeeded() && result.result() < 300) {
                ok.incrementAndGet();
              }
            });
      }
      if (issued.get() >= total) {
        vertx.cancelTimer(timer);
        done.tryComplete();
      }
    });
    done.future().toCompletionStage().toCompletableFuture().get(seconds + 60L, TimeUnit.SECONDS);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (answered.get() < total && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    return ok.get();
  }
}
