package io.pma.hub;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.protocol.ServerMessages;
import io.pma.protocol.SnapshotFormat;
import io.pma.registry.Snapshot;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends snapshots in fragments so that a large one neither holds an event loop nor delays other
 * connections' live events: each loop turn writes at most {@link #TURN_NANOS} worth of fragments,
 * round robin over the snapshots in progress, then yields the loop to I/O and to fan-out; a
 * connection whose buffer is full waits (parked) until it drains. Fragments are made of shared
 * pieces ({@link SnapshotChunks}), so a thousand snapshots of one home encode it once. The wire
 * still carries one {@code pma_entity_snapshot} message per snapshot (RFC 6455 fragments, which
 * every WebSocket client joins). Confined to its shard's loop.
 */
final class SnapshotWriter {
  /** Entities per fragment: ~75 KB of typical JSON, about one socket buffer's worth. */
  static final int CHUNK_ENTITIES = 128;
  /** JSON kept in encoded chunks per loop: a 15,000-entity home takes ~9 MB per format. */
  static final long CHUNK_CACHE_BYTES = 64L * 1024 * 1024;
  /** Time one loop turn may spend writing fragments before it yields. */
  private static final long TURN_NANOS = 2_000_000;
  /**
   * Snapshots written round robin at once; later ones wait in order. Round robin over a thousand
   * would make every one of them finish near the end; this way most finish early, and the time to
   * the last is the same (set by the bytes). A snapshot whose connection is full does not count.
   */
  static final int MAX_ROUND_ROBIN = 32;

  private final HubShard shard;
  private final FrameFactory frames;
  private final SnapshotChunks chunks;
  private final Frame comma;
  private final ArrayDeque<SnapshotStream> ready = new ArrayDeque<>();
  /** Snapshots not started yet, in the order they were asked for. */
  private final ArrayDeque<SnapshotStream> waiting = new ArrayDeque<>();
  private final List<Frame> pieces = new ArrayList<>(3);
  private boolean scheduled;

  SnapshotWriter(HubShard shard, FrameFactory frames) {
    this.shard = shard;
    this.frames = frames;
    this.chunks = new SnapshotChunks(frames, CHUNK_CACHE_BYTES);
    this.comma = frames.piece(new byte[] {','});
  }

  /**
   * Starts sending {@code snapshot} to {@code session}; the session queues whatever else it must
   * send until the snapshot's last fragment is out ({@link Session#streamFinished}).
   */
  void start(Session session, Snapshot snapshot, SnapshotFormat format, Instant now,
      JsonNode requestId) {
    SnapshotStream stream = new SnapshotStream(session, snapshot.entities(), format,
        frames.piece(ServerMessages.entitySnapshotHead(format, now)),
        frames.piece(ServerMessages.entitySnapshotTail(snapshot.seq(), requestId)));
    session.startStream(stream);
    waiting.addLast(stream);
    schedule();
  }

  /** The stream's connection can take more (or it is new): queue it for the next turn. */
  void resume(SnapshotStream stream) {
    stream.parked = false;
    ready.addLast(stream);
    schedule();
  }

  private void schedule() {
    if (!scheduled) {
      scheduled = true;
      shard.execute(this::pump);
    }
  }

  private void pump() {
    scheduled = false;
    while (ready.size() < MAX_ROUND_ROBIN && !waiting.isEmpty()) {
      ready.addLast(waiting.pollFirst());
    }
    long deadline = System.nanoTime() + TURN_NANOS;
    SnapshotStream stream;
    while ((stream = ready.pollFirst()) != null) {
      Session session = stream.session;
      if (session.isClosed()) {
        stream.release();
      } else if (!session.connectionWritable()) {
        stream.parked = true; // Session#onWritable resumes it
      } else if (writeFragment(stream)) {
        stream.release();
        session.streamFinished();
      } else {
        ready.addLast(stream);
      }
      if (System.nanoTime() - deadline > 0) {
        break;
      }
    }
    shard.flushDirty();
    if ((!ready.isEmpty() || !waiting.isEmpty()) && !scheduled) {
      scheduled = true;
      shard.executeAfterIo(this::pump); // behind the I/O and fan-out that waited meanwhile
    }
  }

  /** Writes the stream's next fragment; true when it was the last. */
  private boolean writeFragment(SnapshotStream stream) {
    int from = stream.next;
    int to = Math.min(stream.entities.size(), from + CHUNK_ENTITIES);
    boolean first = from == 0;
    boolean last = to == stream.entities.size();
    pieces.clear();
    pieces.add(first ? stream.head() : comma);
    Frame chunk = to > from ? chunks.chunk(stream.entities, from, to, stream.format) : null;
    try {
      if (chunk != null) {
        pieces.add(chunk);
      }
      if (last) {
        pieces.add(stream.tail());
      }
      stream.session.writeFragment(pieces, first, last);
    } finally {
      if (chunk != null) {
        chunk.release();
      }
      pieces.clear();
    }
    stream.next = to;
    return last;
  }

  /** Releases the shared pieces (the shard is going away). */
  void close() {
    chunks.clear();
    comma.release();
  }
}
