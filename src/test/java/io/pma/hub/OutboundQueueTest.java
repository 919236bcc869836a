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

class OutboundQueueTest {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");

  private static EntityStateChanged change(String entity, String from, String to) {
    return new EntityStateChanged(EntityId.parse(entity), from, to, Json.object(), "api", AT, AT);
  }

  private static OutboundQueue.Outcome add(OutboundQueue queue, Frame frame,
      EntityStateChanged change, long seq) {
    return queue.add(frame, change.entityId(), change, "entity_updates", seq,
        AT, Context.fresh(), true);
  }

  @Test
  @DisplayName("a connection that keeps coalescing without draining holds a bounded deque, in order")
  void coalescingWithoutDrainingStaysBounded() {
    LongAdder depth = new LongAdder();
    OutboundQueue queue = new OutboundQueue(4, 16, depth);
    CountedFrame frame = new CountedFrame(1);
    String[] entities = {"sensor.a", "sensor.b", "sensor.c", "sensor.d"};
    long seq = 0;
    for (String entity : entities) {
      assertThat(add(queue, frame, change(entity, "0", "1"), ++seq))
          .isEqualTo(OutboundQueue.Outcome.QUEUED);
    }
    for (int i = 0; i < 10_000; i++) {
      assertThat(add(queue, frame, change(entities[i % 4], "x", "v" + i), ++seq))
          .isEqualTo(OutboundQueue.Outcome.COALESCED);
      assertThat(queue.held()).isLessThanOrEqualTo(2 * 4 + 64);
    }
    assertThat(queue.size()).isEqualTo(4);
    assertThat(depth.sum()).isEqualTo(4);
    assertThat(frame.references).isEqualTo(1);
    long lastSeq = 0;
    for (String entity : new String[] {"sensor.a", "sensor.b", "sensor.c", "sensor.d"}) {
      OutboundQueue.Pending pending = queue.poll();
      assertThat(pending.change.entityId().toString()).isEqualTo(entity);
      assertThat(pending.change.oldState()).isEqualTo("0");
      assertThat(pending.seq).isGreaterThan(lastSeq);
      lastSeq = pending.seq;
    }
    assertThat(queue.poll()).isNull();
    assertThat(queue.isEmpty()).isTrue();
    assertThat(depth.sum()).isZero();
  }
}
