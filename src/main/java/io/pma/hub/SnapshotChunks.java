package io.pma.hub;

import io.pma.domain.Entity;
import io.pma.protocol.ServerMessages;
import io.pma.protocol.SnapshotFormat;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs of snapshot entities encoded once and shared: a chunk is keyed by the very entity objects
 * it holds (an entity is immutable and replaced on every change) and the format, so a thousand
 * snapshots of an unchanged home encode each entity once, and a change re-encodes only its chunk.
 * Least recently used chunks go past {@code maxBytes} of JSON. Confined to one shard's loop.
 */
final class SnapshotChunks {
  /** The entities of one chunk, compared by identity. */
  private static final class Key {
    private final Entity[] entities;
    private final SnapshotFormat format;
    private final int hash;

    Key(List<Entity> entities, int from, int to, SnapshotFormat format) {
      this.entities = entities.subList(from, to).toArray(new Entity[0]);
      this.format = format;
      int h = format.hashCode();
      for (Entity entity : this.entities) {
        h = 31 * h + System.identityHashCode(entity);
      }
      this.hash = h;
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object other) {
      if (!(other instanceof Key key) || key.hash != hash || !key.format.equals(format)
          || key.entities.length != entities.length) {
        return false;
      }
      for (int i = 0; i < entities.length; i++) {
        if (key.entities[i] != entities[i]) {
          return false;
        }
      }
      return true;
    }
  }

  private final FrameFactory frames;
  private final long maxBytes;
  private final LinkedHashMap<Key, Frame> cache = new LinkedHashMap<>(256, 0.75f, true);
  private long bytes;

  SnapshotChunks(FrameFactory frames, long maxBytes) {
    this.frames = frames;
    this.maxBytes = maxBytes;
  }

  /** The piece holding entities {@code [from, to)}, retained for the caller. */
  Frame chunk(List<Entity> entities, int from, int to, SnapshotFormat format) {
    Key key = new Key(entities, from, to, format);
    Frame piece = cache.get(key);
    if (piece == null) {
      piece = frames.piece(ServerMessages.snapshotEntities(entities.subList(from, to), format));
      cache.put(key, piece);
      bytes += piece.size();
      evict();
    }
    return piece.retain();
  }

  private void evict() {
    Iterator<Map.Entry<Key, Frame>> oldest = cache.entrySet().iterator();
    while (bytes > maxBytes && oldest.hasNext()) {
      Frame piece = oldest.next().getValue();
      oldest.remove();
      bytes -= piece.size();
      piece.release();
    }
  }

  /** Releases every cached piece (the shard is going away). */
  void clear() {
    cache.values().forEach(Frame::release);
    cache.clear();
    bytes = 0;
  }
}
