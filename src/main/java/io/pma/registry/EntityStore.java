package io.pma.registry;

import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import java.util.Collection;
import java.util.List;

/** Durable storage of entities. Blocking; called from the write-behind thread and at start-up. */
public interface EntityStore {
  List<Entity> loadAll();

  /** Writes the upserts and deletions in one transaction. */
  void write(Collection<Entity> upserts, Collection<EntityId> deletions);
}
