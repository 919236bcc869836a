package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.ServerRig;
import io.pma.WsTestClient;
import io.pma.domain.EntityId;
import io.pma.domain.EntityUpdate;
import io.pma.domain.Json;
import io.pma.registry.EntityRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The {@code history} option of {@code subscribe} (PROTOCOL.md section 9). */
class WebSocketHistoryTest {
  private static final int ENTITIES = 5;

  @RegisterExtension
  static final ServerRig rig = new ServerRig(ServerRig.STILL_DEMO);

  private static void set(EntityRegistry registry, int entity, long state) {
    registry.apply(EntityUpdate.of(EntityId.parse("sensor.hist_" + entity), Long.toString(state),
        Json.object().put("unit_of_measurement", "W"), "test", null));
  }

  /** The value the writer gives an entity after {@code value}: it writes i to entity i % N. */
  private static long following(int entity, long value) {
    if (value < 0) {
      return entity == 0 ? ENTITIES : entity;
    }
    return value + ENTITIES;
  }

  @Test
  @DisplayName("under a concurrent writer, history + live updates chain exactly: no gap, no"
      + " duplicate, history first")
  void noGapNoDuplicate() throws Exception {
    // Each entity changes every few ms: history keeps one state per entity and millisecond.
    try (BusyWriter writer = new BusyWriter(rig.server().server().registry(), "sensor.hist_",
        ENTITIES, Json.object().put("unit_of_measurement", "W"), -1, 1_000_000)) {
      String token = TestTokens.user(rig.server(), "historian");
      for (int round = 0; round < 5; round++) {
        checkOneSubscriber(token, writer, round % 2 == 0);
      }
    }
  }

  private void checkOneSubscriber(String token, BusyWriter writer, boolean withSnapshot) {
    try (WsTestClient client = WsTestClient.connect(rig.server().wsUrl())) {
      client.authenticate(token);
      client.send("{\"type\":\"subscribe\",\"request_id\":\"h\",\"data\":{\"topics\":"
          + "[\"entity_updates:sensor.hist_*\"],\"snapshot\":" + withSnapshot
          + ",\"history\":{\"minimal\":true}}}");
      client.next("subscription_success");
      if (withSnapshot) {
        client.next("pma_entity_snapshot");
      }
      JsonNode history = client.next("pma_entity_history");
      assertThat(history.get("request_id").asText()).isEqualTo("h");
      JsonNode data = history.get("data");
      long historySeq = data.get("seq").asLong();
      Map<String, Long> last = new HashMap<>();
      for (int e = 0; e < ENTITIES; e++) {
        String id = "sensor.hist_" + e;
        JsonNode items = data.get("entities").get(id);
        assertThat(items).as(id).isNotNull();
        long previous = -2;
        for (JsonNode item : items) {
          long value = item.get("s").asLong();
          if (previous != -2) {
            assertThat(value).as(id + " history after " + previous)
                .isEqualTo(following(e, previous));
          }
          previous = value;
        }
        last.put(id, previous);
      }
      long target = writer.written() + 100;
      long lastSeq = historySeq;
      while (writer.written() < target) {
        JsonNode update = client.next("pma_entity_state_changed");
        long seq = update.get("seq").asLong();
        assertThat(seq).isGreaterThan(lastSeq);
        lastSeq = seq;
        String id = update.get("data").get("entity_id").asText();
        int entity = Integer.parseInt(id.substring("sensor.hist_".length()));
        long value = update.get("data").get("new_state").asLong();
        assertThat(value).as(id + " live after " + last.get(id))
            .isEqualTo(following(entity, last.get(id)));
        last.put(id, value);
      }
    }
  }

  @Test
  @DisplayName("full items carry attributes; the history is of readable entities only; more than"
      + " 31 days back is invalid filter; a bad start is invalid data")
  void optionRules() {
    EntityRegistry registry = rig.server().server().registry();
    set(registry, 100, 1);
    registry.apply(EntityUpdate.of(EntityId.parse("light.hist_lamp"), "on", Json.object(),
        "test", null));
    String token = TestTokens.user(rig.server(), "historian2");
    try (WsTestClient client = WsTestClient.connect(rig.server().wsUrl())) {
      client.authenticate(token);
      client.send("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:sensor."
          + "hist_100\"],\"history\":{\"start\":\"" + Instant.now().minusSeconds(3600) + "\"}}}");
      client.next("subscription_success");
      JsonNode items = client.next("pma_entity_history").get("data").get("entities")
          .get("sensor.hist_100");
      assertThat(items.get(items.size() - 1).get("state").asText()).isEqualTo("1");
      assertThat(items.get(items.size() - 1).get("attributes").get("unit_of_measurement")
          .asText()).isEqualTo("W");

      client.send("{\"type\":\"subscribe_entity_updates\",\"data\":{\"entity_ids\":"
          + "[\"light.hist_lamp\"],\"include_attributes\":false,\"history\":{}}}");
      client.next("subscription_success");
      JsonNode lamp = client.next("pma_entity_history").get("data").get("entities")
          .get("light.hist_lamp");
      assertThat(lamp.get(lamp.size() - 1).get("state").asText()).isEqualTo("on");
      assertThat(lamp.get(lamp.size() - 1).has("attributes")).isFalse();

      client.send("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:light.*\"],"
          + "\"history\":{\"start\":\"" + Instant.now().minusSeconds(32L * 86400) + "\"}}}");
      JsonNode failure = client.next("subscription_failure");
      assertThat(failure.get("data").get("topics").get(0).get("reason").asText())
          .isEqualTo("invalid filter");

      client.send("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:light.*\"],"
          + "\"history\":{\"start\":\"yesterday\"}}}");
      JsonNode invalid = client.next("invalid_message");
      assertThat(invalid.get("data").get("error").asText()).isEqualTo("invalid data");
    }
    String lightsOnly = TestTokens.token(rig.server(), "historian3",
        java.util.Set.of(io.pma.auth.Role.USER), java.time.Duration.ofMinutes(5),
        List.of("entity_updates:light.*"));
    try (WsTestClient client = WsTestClient.connect(rig.server().wsUrl())) {
      client.authenticate(lightsOnly);
      client.send("{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:light.*\"],"
          + "\"history\":{}}}");
      client.next("subscription_success");
      JsonNode entities = client.next("pma_entity_history").get("data").get("entities");
      assertThat(entities.has("light.hist_lamp")).isTrue();
      entities.fieldNames().forEachRemaining(id -> assertThat(id).startsWith("light."));
    }
  }
}
