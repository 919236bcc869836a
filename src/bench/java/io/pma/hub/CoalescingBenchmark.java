package io.pma.hub;

import io.pma.bench.Microbenchmark;
import io.pma.domain.EntityStateChanged;
import io.pma.protocol.ServerMessages;
import io.pma.transport.BenchTransport;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Setup;

/**
 * A slow connection's queue: queuing a change, a change that coalesces with a pending one of the
 * same entity (past the soft limit), and taking the oldest message out again.
 */
public class CoalescingBenchmark extends Microbenchmark {
  private static final int ENTITIES = 100;
  private final FrameFactory frames = BenchTransport.frames();
  private final EntityStateChanged[] changes = new EntityStateChanged[ENTITIES];
  private Frame frame;
  private static final io.pma.domain.Context CONTEXT = io.pma.domain.Context.fresh();
  private OutboundQueue full;
  private OutboundQueue empty;
  private long seq;

  @Setup
  public void setUp() {
    for (int i = 0; i < ENTITIES; i++) {
      changes[i] = BenchHub.change("sensor.bench_" + i, i);
    }
    frame = frames.text(ServerMessages.eventData(changes[0], true));
    // Past the soft limit with one pending change per entity: every add coalesces.
    full = new OutboundQueue(ENTITIES, 4 * ENTITIES, new LongAdder());
    for (int i = 0; i < ENTITIES; i++) {
      add(full, i);
    }
    empty = new OutboundQueue(1024, 4096, new LongAdder());
  }

  private OutboundQueue.Outcome add(OutboundQueue queue, int entity) {
    EntityStateChanged change = changes[entity];
    return queue.add(frame, change.entityId(), change, "entity_updates", ++seq,
        java.time.Instant.EPOCH, CONTEXT, true);
  }

  @Benchmark
  public OutboundQueue.Outcome coalesce() {
    return add(full, (int) (seq % ENTITIES));
  }

  @Benchmark
  public OutboundQueue.Pending queueAndPoll() {
    add(empty, (int) (seq % ENTITIES));
    OutboundQueue.Pending pending = empty.poll();
    if (pending.frame != null) {
      pending.frame.release();
    }
    return pending;
  }
}
