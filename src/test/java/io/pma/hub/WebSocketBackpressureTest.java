package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.ServerRig;
import io.pma.WsTestClient;
import io.pma.domain.EntityId;
import io.pma.domain.EntityUpdate;
import io.pma.domain.Json;
import io.pma.registry.EntityRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A stalled reader is coalesced, then closed with 4008; a healthy one misses nothing. */
class WebSocketBackpressureTest {
  private static final String PADDING = "p".repeat(4000);
  @RegisterExtension
  static final ServerRig rig = new ServerRig(Map.of("PMA_DEMO_TICK_MS", "3600000",
        "PMA_WEBSOCKET_QUEUE_SOFT_LIMIT", "50", "PMA_WEBSOCKET_QUEUE_HARD_LIMIT", "200"));

  @Test
  @DisplayName("stalled reader: coalescing, then 4008, while a healthy client gets every update")
  void stalledReader() throws Exception {
    List<Long> publishedSeqs = new CopyOnWriteArrayList<>();
    rig.server().server().broker().subscribe(p -> {
      if (p.event().family() == io.pma.topic.TopicFamily.ENTITY_UPDATES
          && p.event().key().startsWith("sensor.bp_")) {
        publishedSeqs.add(p.seq());
      }
    });
    String token = TestTokens.user(rig.server(), "pressure");
    try (WsTestClient healthy = WsTestClient.connect(rig.server().wsUrl());
        WsTestClient stalled = WsTestClient.open(rig.server().wsUrl(), Map.of(), false, 4096)) {
      stalled.next("welcome");
      for (WsTestClient client : List.of(healthy, stalled)) {
        client.authenticate(token);
        client.subscribe("entity_updates:sensor.bp_*");
      }
      stalled.socket().pause();
      List<JsonNode> healthyGot = new ArrayList<>();
      Paced paced = new Paced(healthy, healthyGot);
      int updates = 0;
      while (stats().get("messages_coalesced").asLong() == 0) {
        for (int i = 0; i < 50; i++) {
          paced.apply("sensor.bp_" + (updates % 10), Integer.toString(++updates));
        }
        assertThat(updates).as("coalescing starts").isLessThan(40_000);
      }
      // The stalled reader reads for a moment: what waited arrives, merged per entity.
      List<JsonNode> stalledGot = new ArrayList<>();
      stalled.socket().resume();
      while (!hasMerged(stalledGot)) {
        stalledGot.add(stalled.next());
      }
      stalled.socket().pause();
      int added = 0;
      while (stats().get("slow_consumer_disconnects").asLong() == 0) {
        paced.apply("sensor.bp_new_" + added++, "0");
        assertThat(added).as("slow consumer detected").isLessThan(5_000);
      }
      healthyGot.addAll(healthy.untilMarker(rig.server().server().broker()));

      // The healthy client received every update, in publish order.
      assertThat(healthyGot).extracting(m -> m.get("seq").asLong()).isEqualTo(publishedSeqs);
      assertChains(healthyGot, false);

      // The stalled one, reading again, finds what was written before the overflow, then 4008.
      stalled.socket().resume();
      assertThat(stalled.awaitClose()).isEqualTo(4008);
      assertThat(stalled.closeReason()).isEqualTo("slow consumer");
      stalled.drainTo(stalledGot);
      stalledGot.removeIf(m -> !m.has("seq"));
      assertChains(stalledGot, true);
      JsonNode stats = stats();
      assertThat(stats.get("slow_consumer_disconnects").asLong()).isEqualTo(1);
      assertThat(stats.get("messages_dropped").asLong()).isPositive();
    }
  }

  /** Writes one update and keeps the healthy client at most 20 messages behind. */
  private static final class Paced {
    private final WsTestClient healthy;
    private final List<JsonNode> got;
    private int published;

    Paced(WsTestClient healthy, List<JsonNode> got) {
      this.healthy = healthy;
      this.got = got;
    }

    void apply(String id, String state) {
      EntityRegistry registry = rig.server().server().registry();
      registry.apply(EntityUpdate.of(EntityId.parse(id), state,
          Json.object().put("padding", PADDING), "test", null));
      published++;
      while (published - got.size() > 20) {
        got.add(healthy.next());
      }
    }
  }

  /**
   * Seq strictly increases and each entity's updates chain (old_state = previous new_state);
   * with {@code coalesced}, at least one update must have merged several changes.
   */
  private static void assertChains(List<JsonNode> messages, boolean coalesced) {
    Map<String, String> last = new HashMap<>();
    long seq = 0;
    boolean merged = false;
    for (JsonNode message : messages) {
      assertThat(message.get("seq").asLong()).isGreaterThan(seq);
      seq = message.get("seq").asLong();
      if (!"pma_entity_state_changed".equals(message.get("type").asText())) {
        continue;
      }
      JsonNode data = message.get("data");
      String id = data.get("entity_id").asText();
      if (last.containsKey(id)) {
        assertThat(data.get("old_state").asText()).as(id).isEqualTo(last.get(id));
      }
      int step = Integer.parseInt(data.get("new_state").asText())
          - Integer.parseInt(data.get("old_state").asText());
      merged |= step > 10;
      last.put(id, data.get("new_state").asText());
    }
    assertThat(merged).as("some updates coalesced").isEqualTo(coalesced);
  }

  private static boolean hasMerged(List<JsonNode> messages) {
    for (JsonNode message : messages) {
      JsonNode data = message.get("data");
      if ("pma_entity_state_changed".equals(message.path("type").asText())
          && Integer.parseInt(data.get("new_state").asText())
          - Integer.parseInt(data.get("old_state").asText()) > 10) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode stats() throws Exception {
    return Json.toObject(rig.server().server().hub().stats(false).get(10, TimeUnit.SECONDS));
  }
}
