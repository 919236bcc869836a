package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.domain.Context;
import io.pma.domain.EntityId;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.Json;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutboundQueueDepthTest {
  private static EntityStateChanged change(String id, String from, String to) {
    Instant now = Instant.parse("2026-01-01T12:00:00Z");
    return new EntityStateChanged(EntityId.parse(id), from, to, Json.object(), "demo", now, now);
  }

  private static void add(OutboundQueue queue, EntityStateChanged change, long seq) {
    queue.add(new CountedFrame(10), change.entityId(), change, "entity_updates", seq,
        Instant.parse("2026-01-01T12:00:00Z"), Context.fresh(), true);
  }

  @Test
  @DisplayName("the process-wide queue depth follows every queue: added, coalesced, sent and dropped messages")
  void depthFollowsQueues() {
    LongAdder depth = new LongAdder();
    OutboundQueue first = new OutboundQueue(2, 10, depth);
    OutboundQueue second = new OutboundQueue(2, 10, depth);
    add(first, change("light.a", "off", "on"), 1);
    add(first, change("light.b", "off", "on"), 2);
    add(second, change("light.a", "off", "on"), 1);
    assertThat(depth.sum()).isEqualTo(3);
    add(first, change("light.a", "on", "off"), 3);
    assertThat(first.size()).as("coalesced past the soft limit").isEqualTo(2);
    assertThat(depth.sum()).isEqualTo(3);
    assertThat(first.poll()).isNotNull();
    assertThat(depth.sum()).isEqualTo(2);
    assertThat(second.clear()).isEqualTo(1);
    assertThat(depth.sum()).isEqualTo(1);
    assertThat(first.poll()).isNotNull();
    assertThat(first.poll()).isNull();
    assertThat(depth.sum()).isZero();
  }
}
