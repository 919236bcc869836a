package io.pma.adapter;

import io.pma.domain.AdapterStatus;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The configured adapters by id: starts and stops them and routes actions to an entity's owner. */
public final class AdapterManager {
  private final Map<String, Adapter> adapters = new LinkedHashMap<>();

  public AdapterManager(List<Adapter> configured) {
    for (Adapter adapter : configured) {
      if (adapters.putIfAbsent(adapter.id(), adapter) != null) {
        throw new IllegalArgumentException("two adapters have the id '" + adapter.id() + "'");
      }
    }
  }

  public void startAll() {
    adapters.values().forEach(Adapter::start);
  }

  public Future<Void> stopAll() {
    List<Future<Void>> stops = new ArrayList<>();
    adapters.values().forEach(a -> stops.add(a.stop()));
    return Future.join(stops).mapEmpty();
  }

  public Optional<Adapter> get(String id) {
    return Optional.ofNullable(adapters.get(id));
  }

  public List<AdapterStatus> statuses() {
    return adapters.values().stream().map(Adapter::status).toList();
  }

  /** Sends an action to the adapter that owns the entity. */
  public Future<Void> execute(EntityAction action) {
    Adapter owner = adapters.get(action.entity().adapterId());
    if (owner == null) {
      return Future.failedFuture(ActionException.unsupported(
          action.entity().entityId().toString(), action.action()));
    }
    return owner.execute(action);
  }
}
