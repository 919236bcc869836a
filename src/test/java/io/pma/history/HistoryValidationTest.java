package io.pma.history;

import static io.pma.ProblemResponses.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import io.pma.TestServer;
import io.pma.config.StorageConfig;
import io.pma.domain.Json;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bad, oversized and unknown input to the history and statistics API gets a clear 4xx. */
class HistoryValidationTest {
  private static HistoryRig rig;

  @BeforeAll
  static void start() {
    rig = new HistoryRig(Map.of(), Map.of());
    rig.put("sensor.temp", "20", null);
  }

  @AfterAll
  static void stop() {
    rig.close();
  }

  private static void assertUnprocessable(String path, String detail) {
    assertProblem(rig.get(path, rig.admin()), 422, detail);
  }

  @Test
  @DisplayName("ranges over 31 days, bad times, end before start, bad flags: 422")
  void badRanges() {
    Instant t = HistoryRig.T0;
    assertUnprocessable("/api/v1/history?start=" + t.minusSeconds(32L * 86400) + "&end=" + t,
        "31 days");
    assertUnprocessable("/api/v1/history?start=yesterday", "RFC 3339");
    assertUnprocessable("/api/v1/history?start=2026-13-01T00:00:00Z", "RFC 3339");
    assertUnprocessable("/api/v1/history?end=" + t.minusSeconds(86400 * 2) + "&start=" + t,
        "before start");
    assertUnprocessable("/api/v1/history?minimal=yes", "true or false");
    assertUnprocessable("/api/v1/statistics?period=week", "period");
    assertUnprocessable("/api/v1/statistics?period=5minute&start="
        + t.minusSeconds(40L * 86400) + "&end=" + t, "10000 periods");
    // An offset's '+' sent unencoded arrives as a space and is still understood.
    assertThat(rig.get("/api/v1/history?start=2026-03-02T09:00:00+01:00", rig.admin()).status())
        .isEqualTo(200);
  }

  @Test
  @DisplayName("malformed and too many entity ids: 422; unknown ones are simply absent")
  void entityIds() {
    assertUnprocessable("/api/v1/history?entity_id=not-an-id", "not an entity id");
    assertUnprocessable("/api/v1/history?entity_id=sensor.temp,", "not an entity id");
    String many = IntStream.range(0, 101).mapToObj(i -> "sensor.s" + i)
        .collect(Collectors.joining(","));
    assertUnprocessable("/api/v1/history?entity_id=" + many, "at most 100");
    TestServer.Response unknown = rig.get("/api/v1/history?entity_id=sensor.nothing",
        rig.admin());
    assertThat(unknown.status()).isEqualTo(200);
    assertThat(unknown.body()).isEqualTo("{}");
  }

  @Test
  @DisplayName("requests fired in parallel all get the same answer")
  void parallel() {
    String path = "/api/v1/history?entity_id=sensor.temp&minimal=true";
    String token = rig.admin();
    rig.flushed();
    List<CompletableFuture<TestServer.Response>> calls = IntStream.range(0, 32)
        .mapToObj(i -> CompletableFuture.supplyAsync(() -> rig.server.request("GET", path, token,
            null))).toList();
    List<String> bodies = calls.stream().map(CompletableFuture::join)
        .peek(r -> assertThat(r.status()).isEqualTo(200)).map(TestServer.Response::body)
        .distinct().toList();
    assertThat(bodies).hasSize(1);
    assertThat(bodies.get(0)).contains("\"s\":\"20\"");
  }

  @Test
  @DisplayName("a read past 500,000 changes is refused with 422, the logbook keeps to 10,000"
      + " entries, and parallel attempts leave the server healthy")
  void oversizedReads() throws Exception {
    long t0 = HistoryRig.T0.toEpochMilli();
    // Written straight into the database: 500,001 changes of one entity in the hour before T0.
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:"
        + rig.server.dataDir().resolve(StorageConfig.SQLITE_FILE));
        Statement st = c.createStatement()) {
      st.execute("PRAGMA busy_timeout=10000");
      st.execute("INSERT INTO history_entities(entity_id) VALUES ('sensor.flood')");
      st.execute("INSERT INTO history_states(entity, ts, txt) WITH RECURSIVE n(i) AS"
          + " (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 500000)"
          + " SELECT (SELECT id FROM history_entities WHERE entity_id='sensor.flood'), "
          + (t0 - 1) + " - i, 'x' FROM n");
    }
    String range = "&start=2026-03-02T09:00:00Z&end=2026-03-02T10:00:00Z";
    String token = rig.admin();
    List<CompletableFuture<TestServer.Response>> calls = IntStream.range(0, 6)
        .mapToObj(i -> CompletableFuture.supplyAsync(() -> rig.server.request("GET",
            "/api/v1/history?entity_id=sensor.flood" + range + (i % 2 == 0 ? "&minimal=true" : ""),
            token, null))).toList();
    for (CompletableFuture<TestServer.Response> call : calls) {
      TestServer.Response r = call.join();
      assertThat(r.status()).isEqualTo(422);
      assertThat(r.body()).contains("more than 500000 changes");
    }
    TestServer.Response logbook = rig.get("/api/v1/logbook?entity_id=sensor.flood" + range,
        token);
    assertThat(logbook.status()).isEqualTo(200);
    assertThat(Json.MAPPER.readTree(logbook.body())).hasSize(10_000);
    assertThat(rig.get("/api/v1/history?entity_id=sensor.temp&minimal=true", token).status())
        .isEqualTo(200);
    String all = IntStream.range(0, 100).mapToObj(i -> "sensor.s" + i)
        .collect(Collectors.joining(","));
    assertUnprocessable("/api/v1/statistics?period=5minute&entity_id=" + all
        + "&start=2026-02-01T10:00:00Z&end=2026-03-02T10:00:00Z", "periods × entities");
  }
}
