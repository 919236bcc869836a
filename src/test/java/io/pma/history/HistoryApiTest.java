package io.pma.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.TestServer;
import io.pma.domain.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;

/** {@code GET /api/v1/history} on SQLite and PostgreSQL, through a real server. */
class HistoryApiTest {
  private static final Instant T0 = HistoryRig.T0;

  private static String path(Instant start, Instant end, String query) {
    return "/api/v1/history?entity_id=sensor.temp&start=" + start + "&end=" + end + query;
  }

  private static void recordTemperatures(HistoryRig rig) {
    rig.put("sensor.temp", "20.05", Json.object().put("unit_of_measurement", "°C"));
    rig.advance(Duration.ofSeconds(60));
    rig.put("sensor.temp", "20.50", Json.object().put("unit_of_measurement", "°C"));
    rig.advance(Duration.ofSeconds(60));
    rig.put("sensor.temp", "20.50", Json.object().put("unit_of_measurement", "°C")
        .put("battery", 90));
    rig.advance(Duration.ofSeconds(60));
    rig.put("sensor.temp", "unavailable", Json.object().put("unit_of_measurement", "°C")
        .put("battery", 90));
    rig.advance(Duration.ofSeconds(60));
    rig.put("sensor.temp", "21", Json.object().put("unit_of_measurement", "°C")
        .put("battery", 90));
    rig.advance(Duration.ofSeconds(60));
  }

  @OnEachDatabase
  @DisplayName("history starts with the state in force, keeps state texts exactly, shows"
      + " attribute-only changes, and survives a restart")
  void recordsAndReads(String name, Supplier<Map<String, String>> database) {
    try (HistoryRig rig = new HistoryRig(database.get(), Map.of())) {
      recordTemperatures(rig);
      String full = path(T0.plusSeconds(90), T0.plusSeconds(300), "");
      JsonNode items = rig.get(full, rig.admin()).json().get("sensor.temp");
      assertThat(items).hasSize(4);
      assertThat(items.get(0).get("state").asText()).isEqualTo("20.50");
      assertThat(items.get(0).get("last_changed").asText()).isEqualTo("2026-03-02T10:01:00.000Z");
      assertThat(items.get(0).get("attributes"))
          .isEqualTo(Json.object().put("unit_of_measurement", "°C"));
      assertThat(items.get(1).get("state").asText()).isEqualTo("20.50");
      assertThat(items.get(1).get("last_changed").asText()).isEqualTo("2026-03-02T10:01:00.000Z");
      assertThat(items.get(1).get("last_updated").asText()).isEqualTo("2026-03-02T10:02:00.000Z");
      assertThat(items.get(1).get("attributes").get("battery").asInt()).isEqualTo(90);
      assertThat(items.get(2).get("state").asText()).isEqualTo("unavailable");
      assertThat(items.get(3).get("state").asText()).isEqualTo("21");
      assertThat(items.get(3).get("last_updated").asText()).isEqualTo("2026-03-02T10:04:00.000Z");

      JsonNode minimal = rig.get(path(T0.plusSeconds(90), T0.plusSeconds(300), "&minimal=true"),
          rig.admin()).json().get("sensor.temp");
      assertThat(minimal.toString()).isEqualTo("[{\"s\":\"20.50\",\"lc\":"
          + T0.plusSeconds(60).toEpochMilli() + "},{\"s\":\"unavailable\",\"lc\":"
          + T0.plusSeconds(180).toEpochMilli() + "},{\"s\":\"21\",\"lc\":"
          + T0.plusSeconds(240).toEpochMilli() + "}]");

      JsonNode bare = rig.get(path(T0.plusSeconds(90), T0.plusSeconds(300), "&attributes=false"),
          rig.admin()).json().get("sensor.temp");
      assertThat(bare).hasSize(3);
      assertThat(bare.get(0).has("attributes")).isFalse();

      JsonNode fromCreation = rig.get(path(T0.minusSeconds(3600), T0.plusSeconds(300),
          "&minimal=true"), rig.admin()).json().get("sensor.temp");
      assertThat(fromCreation.get(0).get("s").asText()).isEqualTo("20.05");
      assertThat(fromCreation).hasSize(4);

      rig.server.restart();
      assertThat(rig.get(full, rig.server.adminToken()).json().get("sensor.temp"))
          .isEqualTo(items);
    }
  }

  @OnEachDatabase
  @DisplayName("a token limited to light.* sees no sensor history: not listed, no 403")
  void permissions(String name, Supplier<Map<String, String>> database) {
    try (HistoryRig rig = new HistoryRig(database.get(), Map.of())) {
      rig.put("sensor.temp", "20", null);
      rig.put("light.kitchen", "on", null);
      rig.advance(Duration.ofMinutes(1));
      String lights = rig.limitedTo(List.of("entity_updates:light.*"));
      String both = "/api/v1/history?entity_id=sensor.temp,light.kitchen";
      TestServer.Response limited = rig.get(both, lights);
      assertThat(limited.status()).isEqualTo(200);
      assertThat(limited.json().has("sensor.temp")).isFalse();
      assertThat(limited.json().has("light.kitchen")).isTrue();
      assertThat(rig.get("/api/v1/history", lights).json().has("sensor.temp")).isFalse();
      assertThat(rig.get("/api/v1/statistics?entity_id=sensor.temp", lights).json().size())
          .isZero();
      assertThat(rig.get(both, rig.admin()).json().has("sensor.temp")).isTrue();
      assertThat(rig.get(both, null).status()).isEqualTo(401);
    }
  }

  @OnEachDatabase
  @DisplayName("retention purges old states but keeps each entity's state in force at the cut")
  void retention(String name, Supplier<Map<String, String>> database) {
    try (HistoryRig rig = new HistoryRig(database.get(), Map.of("PMA_HISTORY_KEEP_DAYS", "1"))) {
      for (int i = 1; i <= 3; i++) {
        rig.put("sensor.count", Integer.toString(i), null);
        rig.advance(Duration.ofHours(1));
      }
      String before = "/api/v1/history?entity_id=sensor.count&minimal=true&start="
          + T0.minusSeconds(60) + "&end=" + rig.time.instant();
      assertThat(rig.get(before, rig.admin()).json().get("sensor.count")).hasSize(3);
      rig.advance(Duration.ofDays(2));
      rig.put("sensor.count", "4", null);
      String all = "/api/v1/history?entity_id=sensor.count&minimal=true&start="
          + T0.minusSeconds(60) + "&end=" + rig.time.instant();
      rig.purge();
      JsonNode kept = rig.get(all, rig.admin()).json().get("sensor.count");
      assertThat(kept).extracting(n -> n.get("s").asText()).containsExactly("3", "4");
    }
  }

  @OnEachDatabase
  @DisplayName("include and exclude globs decide what is recorded; history.enabled=false records"
      + " nothing")
  void includeExcludeAndOff(String name, Supplier<Map<String, String>> database) {
    Map<String, String> env = database.get();
    try (HistoryRig rig = new HistoryRig(env, Map.of("PMA_HISTORY_INCLUDE", "sensor.*",
        "PMA_HISTORY_EXCLUDE", "sensor.secret*"))) {
      rig.put("sensor.temp", "20", null);
      rig.put("sensor.secret_code", "1234", null);
      rig.put("light.kitchen", "on", null);
      JsonNode all = rig.get("/api/v1/history", rig.admin()).json();
      assertThat(all.has("sensor.temp")).isTrue();
      assertThat(all.has("sensor.secret_code")).isFalse();
      assertThat(all.has("light.kitchen")).isFalse();
    }
    try (HistoryRig rig = new HistoryRig(name.equals("sqlite") ? Map.of() : database.get(),
        Map.of("PMA_HISTORY_ENABLED", "false"))) {
      rig.put("sensor.temp", "20", null);
      assertThat(rig.server.server().history().recorder()).isEmpty();
      assertThat(rig.get("/api/v1/history", rig.admin()).json().size()).isZero();
    }
  }

  @OnEachDatabase
  @DisplayName("the logbook speaks per domain and device class, names the user behind a REST"
      + " call, leaves numbers out and respects topic rights")
  void logbook(String name, Supplier<Map<String, String>> database) {
    try (HistoryRig rig = new HistoryRig(database.get(), Map.of())) {
      var door = Json.object().put("device_class", "door");
      rig.put("binary_sensor.front_door", "off", door);
      rig.put("lock.front_door", "locked", null);
      rig.put("sensor.temp", "20", null);
      rig.advance(Duration.ofSeconds(10));
      rig.put("binary_sensor.front_door", "on", door);
      rig.advance(Duration.ofSeconds(10));
      rig.put("lock.front_door", "unlocked", null);
      rig.put("sensor.temp", "21", null);
      rig.advance(Duration.ofSeconds(10));
      rig.put("lock.front_door", "unavailable", null);
      rig.advance(Duration.ofSeconds(10));
      String path = "/api/v1/logbook?start=" + T0.plusSeconds(1) + "&end=" + rig.time.instant();
      JsonNode entries = rig.get(path, rig.admin()).json();
      assertThat(entries).extracting(e -> e.get("entity_id").asText() + " "
          + e.get("message").asText()).containsExactly(
          "binary_sensor.front_door opened by admin",
          "lock.front_door unlocked by admin",
          "lock.front_door became unavailable by admin");
      JsonNode first = entries.get(0);
      assertThat(first.get("when").asText()).isEqualTo("2026-03-02T10:00:10.000Z");
      assertThat(first.get("name").asText()).isEqualTo("Front door");
      assertThat(first.get("state").asText()).isEqualTo("on");
      assertThat(first.get("context").get("kind").asText()).isEqualTo("user");
      assertThat(first.get("context").get("source_name").asText()).isEqualTo("admin");
      assertThat(first.get("context").get("user_id").asText()).isNotBlank();
      String locksOnly = rig.limitedTo(List.of("entity_updates:lock.*"));
      assertThat(rig.get(path, locksOnly).json()).extracting(e -> e.get("entity_id").asText())
          .containsOnly("lock.front_door");
      assertThat(rig.get("/api/v1/logbook?start=" + T0.minusSeconds(40L * 86400) + "&end=" + T0,
          rig.admin()).status()).isEqualTo(422);
    }
  }
}
