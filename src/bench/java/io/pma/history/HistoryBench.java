package io.pma.history;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.PmaServer;
import io.pma.config.ConfigLoader;
import io.pma.config.HistoryConfig;
import io.pma.domain.EntityId;
import io.pma.domain.Json;
import io.pma.store.sqlite.SqliteDatabase;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The history benchmarks of docs/HISTORY.md, in process on SQLite (started by
 * {@code bench/run.sh history [size|query|statistics|subscribe|all]}):
 * <ul>
 *   <li>size: bytes on disk per numeric sample, 10 sensors x 1 sample/s x 24 h simulated,
 *       written in the recorder's 1 s batches; database bytes (tables and indexes, WAL
 *       checkpointed) added by the history / samples. Target: at most 24 B.</li>
 *   <li>query: 24 h of 32 entities at one sample per 10 s through {@link History#readJson}, what
 *       the API answers. Target: under 100 ms.</li>
 *   <li>statistics: 30 days of hourly statistics of 50 sensors. Target: under 50 ms.</li>
 *   <li>subscribe: a real server; {@code pma_entity_history} of one sensor's 24 h at 1 sample/s,
 *       timed from {@code subscription_success}. Target: under 100 ms.</li>
 * </ul>
 */
public final class HistoryBench {
  private static final long DAY_MS = 86_400_000L;
  private static final int REPEATS = 15;
  private static final int WARMUPS = 15;

  private HistoryBench() {}

  public static void main(String[] args) throws Exception {
    String what = args.length > 0 ? args[0] : "all";
    System.out.printf(Locale.ROOT, "history benchmark (%s), load average %.2f%n", what,
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()
            .getSystemLoadAverage());
    if (what.equals("size") || what.equals("all")) {
      size();
    }
    if (what.equals("query") || what.equals("all")) {
      query();
    }
    if (what.equals("statistics") || what.equals("all")) {
      statistics();
    }
    if (what.equals("subscribe") || what.equals("all")) {
      subscribe();
    }
    System.exit(0);
  }

  private static HistoryConfig config() {
    return new HistoryConfig(true, 10, 0, List.of(), List.of(), 1000);
  }

  /** Writes {@code sensors} random-walk temperatures every {@code stepMs} for a day. */
  private static void writeDay(SqliteDatabase db, String prefix, int sensors, long stepMs,
      long dayStart) {
    HistoryWriter writer = new HistoryWriter(db, new EntityIds());
    Random random = new Random(42);
    double[] value = new double[sensors];
    Arrays.fill(value, 21.0);
    ObjectNode attributes = Json.object().put("unit_of_measurement", "°C")
        .put("device_class", "temperature").put("state_class", "measurement");
    List<RecordedChange> batch = new ArrayList<>();
    long batchEvery = Math.max(1000, stepMs);
    long nextFlush = dayStart + batchEvery;
    for (long t = dayStart; t < dayStart + DAY_MS; t += stepMs) {
      for (int s = 0; s < sensors; s++) {
        value[s] += (random.nextInt(21) - 10) / 100.0;
        String state = String.format(Locale.ROOT, "%.2f", value[s]);
        batch.add(new RecordedChange(EntityId.parse(prefix + s), t + s, state, attributes,
            null));
      }
      if (t + stepMs >= nextFlush) {
        writer.write(batch);
        batch.clear();
        nextFlush += batchEvery;
      }
    }
    if (!batch.isEmpty()) {
      writer.write(batch);
    }
  }

  private static long databaseBytes(SqliteDatabase db) {
    return db.withConnection(c -> {
      try (var s = c.createStatement()) {
        s.execute("PRAGMA wal_checkpoint(TRUNCATE)");
        ResultSet pages = s.executeQuery("PRAGMA page_count");
        long count = pages.next() ? pages.getLong(1) : 0;
        ResultSet size = s.executeQuery("PRAGMA page_size");
        return count * (size.next() ? size.getLong(1) : 0);
      }
    });
  }

  private static void size() throws Exception {
    Path dir = Files.createTempDirectory("pma-bench-history");
    try (SqliteDatabase db = new SqliteDatabase(dir.resolve("pma.db"))) {
      long empty = databaseBytes(db);
      long start = System.nanoTime();
      long dayStart = Instant.parse("2026-03-01T00:00:00Z").toEpochMilli();
      writeDay(db, "sensor.size_", 10, 1000, dayStart);
      double seconds = (System.nanoTime() - start) / 1e9;
      long samples = 10L * 86_400;
      long bytes = databaseBytes(db) - empty;
      long rows = db.withConnection(c -> {
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM history_states")) {
          ResultSet rs = ps.executeQuery();
          rs.next();
          return rs.getLong(1);
        }
      });
      System.out.printf(Locale.ROOT, "size: %d samples (%d rows) written in %.1f s (%.0f/s);"
          + " %d bytes added -> %.1f B/sample (target <= 24 B: %s)%n", samples, rows, seconds,
          samples / seconds, bytes, (double) bytes / samples,
          (double) bytes / samples <= 24 ? "met" : "NOT met");
    }
  }

  private static void query() throws Exception {
    Path dir = Files.createTempDirectory("pma-bench-history");
    long now = System.currentTimeMillis();
    long dayStart = now - DAY_MS;
    try (SqliteDatabase db = new SqliteDatabase(dir.resolve("pma.db"))) {
      writeDay(db, "sensor.query_", 32, 10_000, dayStart);
      History history = new History(db, disabled(), ZoneOffset.UTC, Clock.systemUTC());
      List<EntityId> ids = IntStream.range(0, 32)
          .mapToObj(i -> EntityId.parse("sensor.query_" + i)).toList();
      for (boolean minimal : new boolean[] {true, false}) {
        HistoryRequest request = new HistoryRequest(ids, dayStart, now, minimal, true);
        long[] reading = time(() -> history.read(request).size());
        report("  of which reading", reading, 100);
        // What GET /api/v1/history runs on its worker: read and encode, entities in parallel.
        long[] took = time(() -> history.readJson(request).length);
        report("query 24 h x 32 entities @10 s" + (minimal ? " minimal" : " full"), took, 100);
      }
    }
  }

  private static HistoryConfig disabled() {
    return new HistoryConfig(false, 10, 0, List.of(), List.of(), 1000);
  }

  private static void statistics() throws Exception {
    Path dir = Files.createTempDirectory("pma-bench-history");
    long now = System.currentTimeMillis();
    long hour = 3_600_000L;
    long firstHour = Math.floorDiv(now, hour) * hour - 30 * DAY_MS;
    try (SqliteDatabase db = new SqliteDatabase(dir.resolve("pma.db"))) {
      EntityIds ids = new EntityIds();
      db.inTransaction(c -> {
        for (int s = 0; s < 50; s++) {
          int entity = ids.intern(c, "sensor.stat_" + s);
          for (long t = firstHour; t < Math.floorDiv(now, hour) * hour; t += hour) {
            StatisticsTable.upsert(c, entity, StatisticsTable.HOUR, new StatisticsRow(t, t + hour,
                21.5, 20.1, 22.9, 360, null, null, false));
          }
        }
        StatisticsTable.setProgress(c, StatisticsTable.HOUR, Math.floorDiv(now, hour) * hour);
        StatisticsTable.setProgress(c, StatisticsTable.FIVE_MINUTES,
            Math.floorDiv(now, 300_000L) * 300_000L);
        return null;
      });
      History history = new History(db, disabled(), ZoneOffset.UTC, Clock.systemUTC());
      List<EntityId> entities = IntStream.range(0, 50)
          .mapToObj(i -> EntityId.parse("sensor.stat_" + i)).toList();
      StatisticsRequest request = new StatisticsRequest(entities, now - 30 * DAY_MS, now,
          StatisticsPeriod.HOUR);
      long[] took = time(() -> json(out -> HistoryJson.writeStatistics(out,
          history.statistics(request))).length);
      report("statistics 30 days hourly x 50 sensors", took, 50);
    }
  }

  private static void subscribe() throws Exception {
    Path dir = Files.createTempDirectory("pma-bench-history");
    long now = System.currentTimeMillis();
    try (SqliteDatabase db = new SqliteDatabase(dir.resolve("pma.db"))) {
      writeDay(db, "sensor.live_", 1, 1000, now - DAY_MS);
    }
    String password = "bench-" + System.nanoTime();
    PmaServer server = PmaServer.start(ConfigLoader.load(null, Map.of(
        "PMA_SERVER_PORT", "0", "PMA_SERVER_HOST", "127.0.0.1",
        "PMA_STORAGE_DATA_DIR", dir.toString(), "PMA_ADMIN_PASSWORD", password,
        "PMA_DEMO_ENABLED", "false")), Clock.systemUTC())
        .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
    try {
      HttpClient http = HttpClient.newHttpClient();
      String token = login(http, server.port(), password);
      HttpResponse<String> put = http.send(HttpRequest.newBuilder(URI.create(
              "http://127.0.0.1:" + server.port() + "/api/v1/entities/sensor.live_0/state"))
          .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString("{\"state\":\"21.00\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      if (put.statusCode() >= 300) {
        throw new IllegalStateException(put.body());
      }
      long[] took = new long[REPEATS];
      int items = 0;
      for (int i = -3; i < REPEATS; i++) {
        Frames frames = new Frames();
        WebSocket socket = http.newWebSocketBuilder()
            .buildAsync(URI.create("ws://127.0.0.1:" + server.port() + "/ws"), frames).join();
        socket.sendText("{\"type\":\"authenticate\",\"data\":{\"token\":\"" + token + "\"}}",
            true).join();
        frames.next("authentication_success");
        socket.sendText("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:sensor."
            + "live_0\"],\"history\":{\"start\":\"" + Instant.ofEpochMilli(now - DAY_MS)
            + "\",\"minimal\":true}}}", true).join();
        frames.next("subscription_success");
        long success = System.nanoTime();
        JsonNode history = frames.next("pma_entity_history");
        long elapsed = System.nanoTime() - success;
        items = history.get("data").get("entities").get("sensor.live_0").size();
        if (i >= 0) {
          took[i] = elapsed;
        }
        socket.sendClose(WebSocket.NORMAL_CLOSURE, "").join();
      }
      report("pma_entity_history 24 h x 1 sensor @1 s (" + items + " items) after"
          + " subscription_success", took, 100);
    } finally {
      server.stop().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }

  private static String login(HttpClient http, int port, String password) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(
            "http://127.0.0.1:" + port + "/api/v1/auth/login"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
            "{\"username\":\"admin\",\"password\":\"" + password + "\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    return Json.MAPPER.readTree(r.body()).get("token").asText();
  }

  /** Collects whole text messages of a socket. */
  private static final class Frames implements WebSocket.Listener {
    private final LinkedBlockingQueue<JsonNode> inbox = new LinkedBlockingQueue<>();
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        try {
          inbox.add(Json.MAPPER.readTree(partial.toString()));
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        partial.setLength(0);
      }
      webSocket.request(1);
      return CompletableFuture.completedFuture(null);
    }

    JsonNode next(String type) throws InterruptedException {
      while (true) {
        JsonNode message = inbox.poll(30, TimeUnit.SECONDS);
        if (message == null) {
          throw new IllegalStateException("no " + type);
        }
        if (type.equals(message.path("type").asText())) {
          return message;
        }
      }
    }
  }

  private interface Work {
    int run() throws Exception;
  }

  private interface JsonWriter {
    void write(JsonGenerator out) throws Exception;
  }

  private static byte[] json(JsonWriter writer) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
    try (JsonGenerator out = Json.MAPPER.getFactory().createGenerator(bytes)) {
      writer.write(out);
    }
    return bytes.toByteArray();
  }

  /**
   * Runs {@code work} {@link #WARMUPS} times, so that the JIT has compiled it (its compiler
   * threads would count as the process's CPU time), then {@link #REPEATS} timed times.
   */
  private static long[] time(Work work) throws Exception {
    for (int i = 0; i < WARMUPS; i++) {
      work.run();
    }
    long[] took = new long[REPEATS];
    long cpu = 0;
    var process = (com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    for (int i = 0; i < REPEATS; i++) {
      long cpuStart = process.getProcessCpuTime();
      long start = System.nanoTime();
      work.run();
      took[i] = System.nanoTime() - start;
      cpu += process.getProcessCpuTime() - cpuStart;
    }
    // CPU time is what the query costs even on a busy machine, where wall time is mostly waiting;
    // the process's, since a query reads entities on several threads (GC included).
    System.out.printf(Locale.ROOT, "  (CPU time of the process: %.1f ms per run)%n",
        cpu / 1e6 / REPEATS);
    return took;
  }

  private static void report(String what, long[] nanos, long targetMs) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    double p50 = sorted[sorted.length / 2] / 1e6;
    System.out.printf(Locale.ROOT, "%s: p50 %.1f ms, min %.1f ms, max %.1f ms (target < %d ms:"
        + " %s)%n", what, p50, sorted[0] / 1e6, sorted[sorted.length - 1] / 1e6, targetMs,
        p50 < targetMs ? "met" : "NOT met");
  }
}
