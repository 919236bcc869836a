package io.pma.registry;

import io.pma.domain.Entity;
import io.pma.domain.EntityCustomization;
import io.pma.domain.EntityId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * An in-memory {@link EntityStore} for tests: starts empty and records what the write-behind
 * sends it; {@link #failNext} makes the next write fail.
 */
public final class RecordingStore implements EntityStore {
  final List<Integer> batches = new ArrayList<>();
  final List<Entity> upserts = new ArrayList<>();
  final List<EntityId> deletions = new ArrayList<>();
  boolean failNext;

  @Override
  public List<Entity> loadAll() {
    return List.of();
  }

  @Override
  public Map<EntityId, EntityCustomization> loadCustomizations() {
    return Map.of();
  }

  @Override
  public synchronized void write(Collection<Entity> up, Collection<EntityId> del,
      Map<EntityId, EntityCustomization> customized) {
    if (failNext) {
      failNext = false;
      throw new IllegalStateException("disk full");
    }
    batches.add(up.size() + del.size());
    upserts.addAll(up);
    deletions.addAll(del);
  }
}
