package io.pma.registry;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.bus.Broker;
import io.pma.bus.RemoteEntityChange;
import io.pma.domain.Context;
import io.pma.domain.Entity;
import io.pma.domain.EntityAdded;
import io.pma.domain.EntityCustomization;
import io.pma.domain.EntityId;
import io.pma.domain.EntityRemoved;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.EntityUpdate;
import io.pma.domain.PmaEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The only writer of entity state. Writes are serialised by this object's lock and publish their
 * event while holding it, so seq order equals state order; reads are lock-free. Broker listeners
 * must never call the writing methods synchronously (they hand off to their own thread).
 *
 * <p>Two views of each entity are kept: what its owner reported (persisted as the entity) and the
 * user's {@link EntityCustomization} (persisted beside it); everyone sees the first with the second
 * applied, so a later report never overwrites a customisation and resetting one brings the owner's
 * value back.
 *
 * <p>Every change is published with a {@link Context}: the caller's when it names one (a REST
 * call), else — an adapter's report — the context of the action PMA sent the entity within the
 * last 5 s ({@link #actionSent}), else a fresh one. The entity keeps the id of that context.
 */
public final class EntityRegistry {
  /** The entities as shown: reported values with their customisation applied. */
  private final ConcurrentHashMap<EntityId, Entity> entities = new ConcurrentHashMap<>();
  /** The entities as their owners reported them; guarded by this. */
  private final Map<EntityId, Entity> reported = new ConcurrentHashMap<>();
  /** Customisations by entity; kept while an entity is gone, so a re-added one keeps its own. */
  private final Map<EntityId, EntityCustomization> customizations = new ConcurrentHashMap<>();
  private final Broker broker;
  private final Clock clock;
  private final WriteBehind persistence;
  private final RecentActions recentActions = new RecentActions();
  /** Bumped by every change of the map (under the lock): a snapshot taken at one value is current. */
  private long version;
  /** The ids in entity-id order, rebuilt after an addition or removal; guarded by this. */
  private List<EntityId> sortedIds;
  /** The last snapshot of every entity, reused while {@link #version} stays; guarded by this. */
  private Snapshot lastFull;
  private long lastFullVersion = -1;

  public EntityRegistry(Broker broker, Clock clock, WriteBehind persistence) {
    this.broker = broker;
    this.clock = clock;
    this.persistence = persistence;
  }

  /** Loads persisted entities at start-up, before anything publishes. Emits no events. */
  public void restore(Collection<Entity> stored) {
    restore(stored, Map.of());
  }

  /** Loads persisted entities (as reported) and customisations at start-up. Emits no events. */
  public synchronized void restore(Collection<Entity> stored,
      Map<EntityId, EntityCustomization> customized) {
    customizations.putAll(customized);
    stored.forEach(e -> {
      reported.put(e.entityId(), e);
      entities.put(e.entityId(), shown(e));
    });
    membershipChanged();
  }

  /** The user's customisation of an entity ({@link EntityCustomization#NONE} when none). */
  public EntityCustomization customization(EntityId id) {
    return customizations.getOrDefault(id, EntityCustomization.NONE);
  }

  /**
   * Changes the user's customisation of an existing entity and returns the entity as shown, or
   * empty when there is no such entity. A change that changes what is shown emits
   * {@code pma_entity_state_changed} with {@code old_state == new_state} and the labels in force.
   */
  public synchronized Optional<Entity> customize(EntityId id,
      UnaryOperator<EntityCustomization> change, Context cause) {
    Entity owners = reported.get(id);
    if (owners == null) {
      return Optional.empty();
    }
    EntityCustomization next = change.apply(customization(id));
    if (next.isEmpty()) {
      customizations.remove(id);
    } else {
      customizations.put(id, next);
    }
    persistence.customized(id, next);
    Entity before = entities.get(id);
    Entity after = next.applyTo(owners);
    if (sameLabels(before, after)) {
      return Optional.of(before);
    }
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Entity shown = new Entity(id, after.name(), after.state(), after.attributes(), after.source(),
        after.adapterId(), after.area(), after.icon(), after.hidden(), after.available(),
        after.lastChanged(), now, cause.id());
    put(shown);
    broker.publish(new EntityStateChanged(id, shown.state(), shown.state(), shown.attributes(),
        shown.source(), shown.lastChanged(), shown.lastUpdated(), shown.name(), shown.area(),
        shown.icon(), shown.hidden()), cause, shown);
    return Optional.of(shown);
  }

  private static boolean sameLabels(Entity a, Entity b) {
    return Objects.equals(a.name(), b.name()) && Objects.equals(a.area(), b.area())
        && Objects.equals(a.icon(), b.icon()) && a.hidden() == b.hidden();
  }

  private Entity shown(Entity owners) {
    return customization(owners.entityId()).applyTo(owners);
  }

  public Optional<Entity> get(EntityId id) {
    return Optional.ofNullable(entities.get(id));
  }

  public List<Entity> all() {
    return new ArrayList<>(entities.values());
  }

  public int size() {
    return entities.size();
  }

  public long countByAdapter(String adapterId) {
    return entities.values().stream().filter(e -> adapterId.equals(e.adapterId())).count();
  }

  /** The matching entities and the seq they reflect, read atomically with respect to writes. */
  public synchronized Snapshot snapshot(Predicate<Entity> filter) {
    List<Entity> matching = new ArrayList<>();
    for (Entity entity : entities.values()) {
      if (filter.test(entity)) {
        matching.add(entity);
      }
    }
    return new Snapshot(matching, broker.lastSeq());
  }

  /**
   * Like {@link #snapshot}, the entities in entity-id order; {@code filter} null means every
   * entity. The order of ids is kept between additions and removals, and a snapshot of every
   * entity is shared until the next change: while nothing changes (a thousand screens
   * reconnecting at once) it costs nothing, and its seq stays valid, as no entity event came since.
   */
  public synchronized Snapshot sortedSnapshot(Predicate<Entity> filter) {
    if (filter == null && lastFull != null && lastFullVersion == version) {
      return lastFull;
    }
    if (sortedIds == null) {
      List<EntityId> ids = new ArrayList<>(entities.keySet());
      ids.sort(java.util.Comparator.comparing(EntityId::toString));
      sortedIds = ids;
    }
    List<Entity> matching = new ArrayList<>(filter == null ? sortedIds.size() : 16);
    for (EntityId id : sortedIds) {
      Entity entity = entities.get(id);
      if (entity != null && (filter == null || filter.test(entity))) {
        matching.add(entity);
      }
    }
    Snapshot snapshot = new Snapshot(java.util.Collections.unmodifiableList(matching),
        broker.lastSeq());
    if (filter == null) {
      lastFull = snapshot;
      lastFullVersion = version;
    }
    return snapshot;
  }

  private void membershipChanged() {
    version++;
    sortedIds = null;
  }

  /**
   * Remembers that PMA sent the entity an action with this context: what its adapter reports for
   * it within the next 5 s carries that context. Called by the action dispatcher before the
   * adapter sees the action (an adapter may report the effect at once).
   */
  public void actionSent(EntityId id, Context context) {
    recentActions.sent(id, context, clock.instant());
  }

  /**
   * Applies what an adapter reports, with the context of a recent action sent to the entity or a
   * fresh one (see {@link #apply(EntityUpdate, Context)}).
   */
  public ChangeKind apply(EntityUpdate update) {
    return apply(update, null);
  }

  /**
   * Applies what an owner reports, caused by {@code cause} (null: an adapter's own report).
   * Identical state and attributes change nothing and emit nothing; an attribute-only change keeps
   * {@code last_changed}; a state change moves both timestamps.
   */
  public synchronized ChangeKind apply(EntityUpdate update, Context cause) {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    ObjectNode attributes = copyOf(update.attributes());
    Entity current = reported.get(update.entityId());
    if (current == null) {
      Context context = contextFor(update.entityId(), cause);
      Entity created = new Entity(update.entityId(), nameOf(update), update.state(), attributes,
          update.source(), update.adapterId(), update.area(), update.available(), now, now,
          context.id());
      Entity shown = store(created);
      broker.publish(new EntityAdded(shown.entityId(), shown), context, shown);
      return ChangeKind.ADDED;
    }
    boolean stateChanged = !current.state().equals(update.state());
    boolean metaChanged = current.available() != update.available()
        || (update.name() != null && !update.name().equals(current.name()))
        || (update.area() != null && !update.area().equals(current.area()));
    if (!stateChanged && !metaChanged && current.attributes().equals(attributes)) {
      return ChangeKind.UNCHANGED;
    }
    Context context = contextFor(update.entityId(), cause);
    Entity next = new Entity(current.entityId(),
        update.name() != null ? update.name() : current.name(), update.state(), attributes,
        update.source(), update.adapterId(),
        update.area() != null ? update.area() : current.area(), update.available(),
        stateChanged ? now : current.lastChanged(), now, context.id());
    Entity shown = store(next);
    broker.publish(new EntityStateChanged(next.entityId(), current.state(), next.state(),
        attributes, next.source(), next.lastChanged(), next.lastUpdated()), context, shown);
    return ChangeKind.CHANGED;
  }

  /** Removes an entity as its adapter reports it gone; returns false when it was not there. */
  public boolean remove(EntityId id, String source) {
    return remove(id, source, null);
  }

  /** Removes an entity, caused by {@code cause} (null: its adapter); false when it was not there. */
  public synchronized boolean remove(EntityId id, String source, Context cause) {
    Entity removed = entities.remove(id);
    reported.remove(id);
    if (removed == null) {
      return false;
    }
    membershipChanged();
    Context context = contextFor(id, cause);
    recentActions.forget(id);
    persistence.deleted(id);
    broker.publish(new EntityRemoved(id, source), context, null);
    return true;
  }

  /** The caller's cause, else the context of an action sent within 5 s, else a fresh one. */
  private Context contextFor(EntityId id, Context cause) {
    if (cause != null) {
      return cause;
    }
    Context action = recentActions.within(id, clock.instant());
    return action != null ? action : Context.fresh();
  }

  /**
   * Mirrors a change another node made (cluster only): the entity as that node holds it replaces
   * ours, without publishing (its event is being delivered already) and without persisting (the
   * other node writes it to the shared store). Called on the broker's delivery thread before the
   * event reaches this node's listeners, so a snapshot never reflects less than its seq says.
   */
  public synchronized void mirror(RemoteEntityChange change) {
    PmaEvent event = change.event();
    // The other node's entity is taken as shown and as reported: a customisation made there is
    // known here only as its effect (see docs/DASHBOARD.md, entity customisation in a cluster).
    if (event instanceof EntityRemoved removed) {
      if (entities.remove(removed.entityId()) != null) {
        membershipChanged();
      }
      reported.remove(removed.entityId());
    } else if (change.after() != null) {
      put(change.after());
      reported.put(change.after().entityId(), change.after());
    } else if (event instanceof EntityStateChanged changed) {
      // Published without the entity (not by a registry): take what the event says.
      Entity current = entities.get(changed.entityId());
      if (current != null) {
        Entity next = current.withState(changed.newState(), changed.attributes(),
            changed.lastChanged(), changed.lastUpdated(), change.context().id());
        put(next);
        reported.put(next.entityId(), next);
      }
    } else if (event instanceof EntityAdded added) {
      put(added.entity());
      reported.put(added.entityId(), added.entity());
    }
  }

  /** Keeps and persists what the owner reported; returns it as shown. */
  private Entity store(Entity owners) {
    reported.put(owners.entityId(), owners);
    persistence.changed(owners);
    Entity shown = shown(owners);
    put(shown);
    return shown;
  }

  private void put(Entity entity) {
    if (entities.put(entity.entityId(), entity) == null) {
      membershipChanged();
    } else {
      version++;
    }
  }

  private static String nameOf(EntityUpdate update) {
    if (update.name() != null) {
      return update.name();
    }
    String words = update.entityId().objectId().replace('_', ' ');
    return Character.toUpperCase(words.charAt(0)) + words.substring(1);
  }

  private static ObjectNode copyOf(ObjectNode attributes) {
    return attributes == null ? JsonNodeFactory.instance.objectNode() : attributes.deepCopy();
  }
}
