package io.pma.api;

import io.pma.domain.Entity;
import io.pma.domain.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JSON of the whole entity list, kept in runs of {@link #CHUNK} entities so that after a
 * change only the run holding the changed entity is encoded again: 15,000 entities are ~9 MB of
 * JSON and take tens of milliseconds to encode, joining the runs a few. A run is reused while it
 * holds the very same entity objects (an entity is immutable and replaced on every change).
 * Thread-safe: {@link #encode} is synchronized (it runs on worker threads).
 */
final class EntityListCache {
  static final int CHUNK = 128;

  /** One run: the entities it was encoded from and their JSON, without brackets. */
  private record Run(Entity[] entities, byte[] json) {
    boolean holds(List<Entity> list, int from, int to) {
      if (entities.length != to - from) {
        return false;
      }
      for (int i = from; i < to; i++) {
        if (entities[i - from] != list.get(i)) {
          return false;
        }
      }
      return true;
    }
  }

  private List<Run> runs = List.of();

  /** The JSON array of {@code entities}, reusing every run that did not change. */
  synchronized byte[] encode(List<Entity> entities) {
    List<Run> next = new ArrayList<>(entities.size() / CHUNK + 1);
    int length = 2;
    for (int from = 0, index = 0; from < entities.size(); from += CHUNK, index++) {
      int to = Math.min(entities.size(), from + CHUNK);
      Run run = index < runs.size() ? runs.get(index) : null;
      if (run == null || !run.holds(entities, from, to)) {
        List<Entity> slice = entities.subList(from, to);
        byte[] array = Json.writeBytes(slice);
        run = new Run(slice.toArray(new Entity[0]), Arrays.copyOfRange(array, 1,
            array.length - 1));
      }
      next.add(run);
      length += run.json().length + (index > 0 ? 1 : 0);
    }
    runs = next;
    byte[] out = new byte[length];
    out[0] = '[';
    int at = 1;
    for (int i = 0; i < next.size(); i++) {
      if (i > 0) {
        out[at++] = ',';
      }
      byte[] json = next.get(i).json();
      System.arraycopy(json, 0, out, at, json.length);
      at += json.length;
    }
    out[at] = ']';
    return out;
  }
}
