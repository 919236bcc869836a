package io.pma.bench;

import io.pma.PmaServer;
import io.pma.bus.Published;
import io.pma.config.ConfigLoader;
import io.pma.domain.EntityId;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.EntityUpdate;
import io.pma.domain.Json;
import io.pma.domain.Notification;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How long the motion scenario takes on this machine, which no unit test times: a motion
 * sensor turns on, a rule turns the demo kitchen light on (toggles it) and notifies. Measures, per
 * run, from the publish of the motion to the publish of the light's change and of the
 * notification (both on the server's broker, in process), and prints percentiles against the
 * scenario's target of one second. Started by {@code bench/run.sh automation [--runs N]}.
 */
public final class AutomationLatency {
  private static final long TARGET_MS = 1000;
  private static final EntityId MOTION = EntityId.parse("binary_sensor.bench_motion");
  private static final String LIGHT = "light.kitchen";

  private final AtomicReference<CompletableFuture<long[]>> waiting = new AtomicReference<>();
  private volatile long motionNanos;
  private volatile long lightNanos;

  private AutomationLatency() {}

  public static void main(String[] args) throws Exception {
    int runs = args.length == 2 && "--runs".equals(args[0]) ? Integer.parseInt(args[1]) : 500;
    Path data = Files.createTempDirectory("pma-bench-automation");
    String password = "bench-" + System.nanoTime();
    PmaServer server = PmaServer.start(ConfigLoader.load(null, Map.of(
        "PMA_SERVER_PORT", "0", "PMA_SERVER_HOST", "127.0.0.1",
        "PMA_STORAGE_DATA_DIR", data.toString(), "PMA_ADMIN_PASSWORD", password,
        "PMA_DEMO_TICK_MS", "3600000", "PMA_AUTOMATION_MAX_RUNS_PER_SECOND", "10000")),
        Clock.systemUTC()).toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    try {
      createRule(server.port(), password);
      new AutomationLatency().measure(server, runs);
    } finally {
      server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
    System.exit(0);
  }

  private void measure(PmaServer server, int runs) throws Exception {
    server.broker().subscribe(this::seen);
    long[] toLight = new long[runs];
    long[] toNotification = new long[runs];
    for (int i = -runs / 10; i < runs; i++) { // the first tenth warms the JIT up, unrecorded
      server.registry().apply(EntityUpdate.of(MOTION, "off", Json.object(), "bench", null));
      CompletableFuture<long[]> done = new CompletableFuture<>();
      waiting.set(done);
      server.registry().apply(EntityUpdate.of(MOTION, "on", Json.object(), "bench", null));
      long[] took = done.get(10, TimeUnit.SECONDS);
      if (i >= 0) {
        toLight[i] = took[0];
        toNotification[i] = took[1];
      }
    }
    System.out.printf(Locale.ROOT, "automation (motion -> light toggled, notify): %d runs, load"
        + " average %.2f%n", runs, java.lang.management.ManagementFactory
        .getOperatingSystemMXBean().getSystemLoadAverage());
    print("motion -> light change", toLight);
    print("motion -> notification", toNotification);
  }

  /** Broker listener, on the publisher's thread: notes the three publishes of one run. */
  private void seen(Published published) {
    if (published.event() instanceof EntityStateChanged change) {
      if (change.entityId().equals(MOTION) && "on".equals(change.newState())) {
        motionNanos = published.publishedNanos();
      } else if (change.entityId().toString().equals(LIGHT)) {
        lightNanos = published.publishedNanos();
      }
    } else if (published.event() instanceof Notification note
        && "automation:bench_motion".equals(note.source())) {
      CompletableFuture<long[]> done = waiting.getAndSet(null);
      if (done != null) {
        done.complete(new long[] {lightNanos - motionNanos,
            published.publishedNanos() - motionNanos});
      }
    }
  }

  private static void print(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double p99 = millis(sorted, 0.99);
    System.out.printf(Locale.ROOT, "  %-24s p50 %7.3f ms  p90 %7.3f ms  p99 %7.3f ms  max %7.3f ms"
            + "  (target < %d ms: %s)%n", what, millis(sorted, 0.5), millis(sorted, 0.9), p99,
        sorted[sorted.length - 1] / 1e6, TARGET_MS, p99 < TARGET_MS ? "met" : "NOT met");
  }

  private static double millis(long[] sorted, double quantile) {
    int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
    return sorted[Math.max(0, index)] / 1e6;
  }

  private static void createRule(int port, String password) throws Exception {
    HttpClient http = HttpClient.newHttpClient();
    String login = send(http, port, "/api/v1/auth/login", null,
        "{\"username\":\"admin\",\"password\":\"" + password + "\"}");
    String token = Json.MAPPER.readTree(login).get("token").asText();
    send(http, port, "/api/v1/automations", token, "{\"id\":\"bench_motion\",\"name\":"
        + "\"Motion turns on the kitchen light\",\"mode\":\"parallel\",\"max\":10,\"triggers\":"
        + "[{\"type\":\"state\",\"entity_id\":\"" + MOTION + "\",\"to\":\"on\"}],\"actions\":"
        + "[{\"type\":\"entity_action\",\"entity_id\":\"" + LIGHT + "\",\"action\":\"toggle\"},"
        + "{\"type\":\"notify\",\"title\":\"Motion\",\"message\":\"Hallway motion\"}]}");
  }

  private static String send(HttpClient http, int port, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + port + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<String> response = http.send(request.build(),
        HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(path + " answered " + response.statusCode() + ": "
          + response.body());
    }
    return response.body();
  }
}
