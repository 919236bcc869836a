package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.ServerRig;
import io.pma.WsTestClient;
import io.pma.domain.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code snapshot: true}: no gap and no duplicate between snapshot and updates. */
class WebSocketSnapshotTest {
  private static final int ENTITIES = 10;

  @RegisterExtension
  static final ServerRig rig = new ServerRig(ServerRig.STILL_DEMO);

  @Test
  @DisplayName("under a concurrent writer, snapshot + updates chain exactly to the final state")
  void noGapNoDuplicate() throws Exception {
    // A busy home, not a benchmark: the pause keeps the test's CPU modest.
    try (BusyWriter writer = new BusyWriter(rig.server().server().registry(), "sensor.snap_",
        ENTITIES, Json.object(), 0, 20_000)) {
      String token = TestTokens.user(rig.server(), "snapper");
      for (int round = 0; round < 15; round++) {
        checkOneSubscriber(token, writer);
      }
    }
  }

  private void checkOneSubscriber(String token, BusyWriter writer) {
    try (WsTestClient client = WsTestClient.connect(rig.server().wsUrl())) {
      client.authenticate(token);
      client.send("{\"type\":\"subscribe\",\"request_id\":\"snap\",\"data\":{\"topics\":"
          + "[\"entity_updates:sensor.snap_*\"],\"snapshot\":true}}");
      client.next("subscription_success");
      JsonNode snapshot = client.next("pma_entity_snapshot");
      assertThat(snapshot.get("request_id").asText()).isEqualTo("snap");
      long snapshotSeq = snapshot.get("data").get("seq").asLong();
      Map<String, String> state = new HashMap<>();
      for (JsonNode entity : snapshot.get("data").get("entities")) {
        state.put(entity.get("entity_id").asText(), entity.get("state").asText());
      }
      assertThat(state).hasSize(ENTITIES);
      // Let the writer go on for a while, then read everything delivered up to a marker.
      long target = writer.written() + 200;
      long lastSeq = snapshotSeq;
      int updates = 0;
      while (writer.written() < target || updates < 20) {
        JsonNode update = client.next("pma_entity_state_changed");
        lastSeq = check(update, state, lastSeq);
        updates++;
      }
      List<JsonNode> rest = client.untilMarker(rig.server().server().broker());
      for (JsonNode update : rest) {
        lastSeq = check(update, state, lastSeq);
      }
    }
  }

  /** Each update continues its entity's chain and has a seq above everything before it. */
  private static long check(JsonNode update, Map<String, String> state, long lastSeq) {
    assertThat(update.get("type").asText()).isEqualTo("pma_entity_state_changed");
    long seq = update.get("seq").asLong();
    assertThat(seq).as("seq after %s", lastSeq).isGreaterThan(lastSeq);
    JsonNode data = update.get("data");
    String id = data.get("entity_id").asText();
    assertThat(data.get("old_state").asText()).as("%s continues without gap or duplicate", id)
        .isEqualTo(state.get(id));
    state.put(id, data.get("new_state").asText());
    return seq;
  }
}
