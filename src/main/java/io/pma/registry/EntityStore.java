package io.pma.registry;

import io.pma.domain.Entity;
import io.pma.domain.EntityCustomization;
import io.pma.domain.EntityId;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Durable storage of entities. Blocking; called from the write-behind thread and at start-up. */
public interface EntityStore {
  /** The entities as their owners last reported them. */
  List<Entity> loadAll();

  /** The users' customisations by entity. */
  Map<EntityId, EntityCustomization> loadCustomizations();

  /**
   * Writes the upserts, deletions and customisations in one transaction; an empty customisation
   * deletes the entity's.
   */
  void write(Collection<Entity> upserts, Collection<EntityId> deletions,
      Map<EntityId, EntityCustomization> customized);
}
