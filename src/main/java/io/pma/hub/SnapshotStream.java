package io.pma.hub;

import io.pma.domain.Entity;
import io.pma.protocol.SnapshotFormat;
import java.util.List;

/**
 * One {@code pma_entity_snapshot} on its way to one connection, as fragments of at most
 * {@link SnapshotWriter#CHUNK_ENTITIES} entities: the head and the first chunk, then a comma and
 * the next chunk, ..., the tail with the last. Confined to the session's loop.
 */
final class SnapshotStream {
  final Session session;
  final List<Entity> entities;
  final SnapshotFormat format;
  private Frame head;
  private Frame tail;
  /** The first entity of the next fragment. */
  int next;
  /** Waiting for the connection to become writable (not in the writer's ready queue). */
  boolean parked;

  SnapshotStream(Session session, List<Entity> entities, SnapshotFormat format, Frame head,
      Frame tail) {
    this.session = session;
    this.entities = entities;
    this.format = format;
    this.head = head;
    this.tail = tail;
  }

  Frame head() {
    return head;
  }

  Frame tail() {
    return tail;
  }

  /** The head and tail are no longer needed (sent, or the connection went away); idempotent. */
  void release() {
    if (head != null) {
      head.release();
      head = null;
    }
    if (tail != null) {
      tail.release();
      tail = null;
    }
  }
}
