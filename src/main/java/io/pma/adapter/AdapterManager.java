package io.pma.adapter;

import io.pma.domain.AdapterStatus;
import io.pma.registry.EntityRegistry;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * The configured adapters by id: starts and stops them and routes actions to an entity's owner.
 * In a cluster each adapter runs on one node only ({@code runsHere}); an action for an adapter
 * running elsewhere goes to that node through {@link RemoteActions}, and the statuses reported
 * are the latest each adapter published anywhere in the cluster.
 */
public final class AdapterManager {
  private final Map<String, Adapter> adapters = new LinkedHashMap<>();
  private final Map<String, Observed> published = new ConcurrentHashMap<>();
  private final EntityRegistry registry;
  private final Predicate<String> runsHere;
  private final RemoteActions remote;

  /** A single node: every adapter runs here. */
  public AdapterManager(List<Adapter> configured, EntityRegistry registry) {
    this(configured, registry, id -> true, RemoteActions.NONE);
  }

  public AdapterManager(List<Adapter> configured, EntityRegistry registry,
      Predicate<String> runsHere, RemoteActions remote) {
    this.registry = registry;
    this.runsHere = runsHere;
    this.remote = remote;
    for (Adapter adapter : configured) {
      if (adapters.putIfAbsent(adapter.id(), adapter) != null) {
        throw new IllegalArgumentException("two adapters have the id '" + adapter.id() + "'");
      }
    }
  }

  public Future<Void> startAll() {
    List<Future<Void>> starts = new ArrayList<>();
    adapters.values().forEach(a -> starts.add(a.start()));
    return Future.join(starts).mapEmpty();
  }

  public Future<Void> stopAll() {
    List<Future<Void>> stops = new ArrayList<>();
    adapters.values().forEach(a -> stops.add(a.stop()));
    return Future.join(stops).mapEmpty();
  }

  public Optional<Adapter> get(String id) {
    return Optional.ofNullable(adapters.get(id));
  }

  /** Adapters in configuration order (for a cluster's ownership leases). */
  public List<Adapter> all() {
    return List.copyOf(adapters.values());
  }

  /** A status some node published, with the seq the broker gave it. */
  private record Observed(long seq, AdapterStatus status) {}

  /**
   * Remembers a published status, so a node reports the status of adapters that run on another
   * node. Fed by a broker listener with every {@code pma_adapter_status} and, in a cluster, at join
   * with the latest status each adapter published before this node started; of two reports of
   * one adapter the one with the higher seq wins, whichever arrives first.
   */
  public void observed(long seq, AdapterStatus status) {
    if (adapters.containsKey(status.adapterId())) {
      published.merge(status.adapterId(), new Observed(seq, status),
          (known, next) -> next.seq() > known.seq() ? next : known);
    }
  }

  public List<AdapterStatus> statuses() {
    return adapters.values().stream().map(a -> {
      Observed observed = published.get(a.id());
      return runsHere.test(a.id()) || observed == null ? a.status() : observed.status();
    }).toList();
  }

  /**
   * Sends an action to the adapter that owns the entity. Where the adapter runs, the registry is
   * told the action's context first, so the change the adapter reports in answer carries it (the
   * one place that links actions and their effects, whatever the adapter).
   */
  public Future<Void> execute(EntityAction action) {
    Adapter owner = adapters.get(action.entity().adapterId());
    if (owner == null) {
      return Future.failedFuture(ActionException.unsupported(
          action.entity().entityId().toString(), action.action()));
    }
    if (!runsHere.test(owner.id())) {
      return remote.execute(owner.id(), action);
    }
    registry.actionSent(action.entity().entityId(), action.context());
    return owner.execute(action);
  }
}
