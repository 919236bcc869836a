package io.pma.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.domain.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;

/** {@code GET /api/v1/statistics} on SQLite and PostgreSQL, through a real server. */
class StatisticsApiTest {
  private static final Instant T0 = HistoryRig.T0;

  private static JsonNode statistics(HistoryRig rig, String entity, String period, Instant start,
      Instant end) {
    return rig.get("/api/v1/statistics?entity_id=" + entity + "&period=" + period + "&start="
        + start + "&end=" + end, rig.admin()).json().get(entity);
  }

  @OnEachDatabase
  @DisplayName("5-minute and hourly statistics: time-weighted mean, min, max, count; the running"
      + " period is partial; closed periods are stored by the rollups")
  void measurement(String name, Supplier<Map<String, String>> database) {
    try (HistoryRig rig = new HistoryRig(database.get(), Map.of())) {
      rig.put("sensor.power", "10", null);
      rig.advance(Duration.ofSeconds(60));
      rig.put("sensor.power", "20", null);
      rig.advance(Duration.ofSeconds(180));
      rig.put("sensor.power", "40", null);
      rig.advance(Duration.ofSeconds(120)); // 10:06
      JsonNode live = statistics(rig, "sensor.power", "5minute", T0, T0.plusSeconds(600));
      rig.rollUp();
      JsonNode stored = statistics(rig, "sensor.power", "5minute", T0, T0.plusSeconds(600));
      assertThat(stored).isEqualTo(live);
      assertThat(stored).hasSize(2);
      JsonNode first = stored.get(0);
      assertThat(first.get("start").asText()).isEqualTo("2026-03-02T10:00:00.000Z");
      assertThat(first.get("end").asText()).isEqualTo("2026-03-02T10:05:00.000Z");
      // (10 * 60 s + 20 * 180 s + 40 * 60 s) / 300 s
      assertThat(first.get("mean").asDouble()).isCloseTo(22.0, within(1e-9));
      assertThat(first.get("min").asDouble()).isEqualTo(10.0);
      assertThat(first.get("max").asDouble()).isEqualTo(40.0);
      assertThat(first.get("count").asInt()).isEqualTo(3);
      assertThat(first.has("partial")).isFalse();
      assertThat(first.has("sum")).isFalse();
      JsonNode running = stored.get(1);
      assertThat(running.get("mean").asDouble()).isEqualTo(40.0);
      assertThat(running.get("count").asInt()).isZero();
      assertThat(running.get("partial").asBoolean()).isTrue();

      JsonNode hour = statistics(rig, "sensor.power", "hour", T0, T0.plusSeconds(600));
      assertThat(hour).hasSize(1);
      assertThat(hour.get(0).get("mean").asDouble()).isCloseTo(31.0, within(1e-9));
      assertThat(hour.get(0).get("count").asInt()).isEqualTo(3);
      assertThat(hour.get(0).get("partial").asBoolean()).isTrue();
      JsonNode day = statistics(rig, "sensor.power", "day", T0, T0.plusSeconds(600));
      assertThat(day).hasSize(1);
      assertThat(day.get(0).get("start").asText()).isEqualTo("2026-03-02T00:00:00.000Z");
      assertThat(day.get(0).get("max").asDouble()).isEqualTo(40.0);

      rig.advance(Duration.ofMinutes(60)); // 11:06: the 10:00 hour is closed
      rig.rollUp();
      rig.rollUp();
      JsonNode closed = statistics(rig, "sensor.power", "hour", T0, T0.plusSeconds(3600));
      assertThat(closed.get(0).has("partial")).isFalse();
      assertThat(closed.get(0).get("max").asDouble()).isEqualTo(40.0);
      rig.server.restart();
      assertThat(statistics(rig, "sensor.power", "hour", T0, T0.plusSeconds(3600)))
          .isEqualTo(closed);
    }
  }

  @OnEachDatabase
  @DisplayName("a total_increasing meter: change per period and a running sum, a drop below 90 %"
      + " is a reset counted from 0, a small dip is ignored")
  void meter(String name, Supplier<Map<String, String>> database) {
    try (HistoryRig rig = new HistoryRig(database.get(), Map.of())) {
      var attributes = Json.object().put("state_class", "total_increasing");
      for (String value : new String[] {"100", "150", "5", "4.8", "10"}) {
        rig.put("sensor.energy", value, attributes);
        rig.advance(Duration.ofSeconds(60));
      }
      rig.advance(Duration.ofSeconds(60)); // 10:06
      rig.rollUp();
      rig.advance(Duration.ofSeconds(60));
      rig.put("sensor.energy", "12", attributes);
      rig.advance(Duration.ofSeconds(60)); // 10:08
      JsonNode rows = statistics(rig, "sensor.energy", "5minute", T0, T0.plusSeconds(600));
      assertThat(rows).hasSize(2);
      assertThat(rows.get(0).get("change").asDouble()).isCloseTo(60.0, within(1e-9));
      assertThat(rows.get(0).get("sum").asDouble()).isCloseTo(60.0, within(1e-9));
      assertThat(rows.get(1).get("change").asDouble()).isCloseTo(2.0, within(1e-9));
      assertThat(rows.get(1).get("sum").asDouble()).isCloseTo(62.0, within(1e-9));
      assertThat(rows.get(1).get("partial").asBoolean()).isTrue();
      JsonNode hour = statistics(rig, "sensor.energy", "hour", T0, T0.plusSeconds(600));
      assertThat(hour.get(0).get("change").asDouble()).isCloseTo(62.0, within(1e-9));
      assertThat(hour.get(0).get("sum").asDouble()).isCloseTo(62.0, within(1e-9));
    }
  }
}
