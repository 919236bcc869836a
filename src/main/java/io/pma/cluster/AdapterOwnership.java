package io.pma.cluster;

import io.pma.adapter.Adapter;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Runs each adapter on exactly one node of the cluster: every node holds a {@link LeaseKeeper}
 * per adapter ({@code adapter:<id>}); the node that takes the lease starts the adapter and stops
 * it when the lease is lost. When the owner dies its leases expire and another node starts the
 * adapters within seconds. Lease callbacks run on this object's context; {@link #runsHere} may be
 * called from any thread.
 */
public final class AdapterOwnership {
  private final RedisLink link;
  private final Context context;
  private final Duration ttl;
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  private final List<LeaseKeeper> keepers = new ArrayList<>();
  private volatile boolean stopping;

  public AdapterOwnership(RedisLink link, Duration ttl) {
    this.link = link;
    this.context = link.vertx().getOrCreateContext();
    this.ttl = ttl;
  }

  /** Whether the adapter runs on this node right now. */
  public boolean runsHere(String adapterId) {
    return running.contains(adapterId);
  }

  /** Starts competing for every adapter; each starts here if and when this node wins it. */
  public void start(List<Adapter> adapters) {
    for (Adapter adapter : adapters) {
      LeaseKeeper keeper = new LeaseKeeper(link, context, leaseName(adapter.id()), ttl,
          () -> {
            if (!stopping) {
              running.add(adapter.id());
              adapter.start();
            }
          },
          () -> {
            running.remove(adapter.id());
            adapter.stop();
          });
      keepers.add(keeper);
      keeper.start();
    }
  }

  /** Stops the adapters running here, then gives their leases up for another node to take. */
  public Future<Void> stop(List<Adapter> adapters) {
    stopping = true;
    List<Future<Void>> stops = new ArrayList<>();
    for (Adapter adapter : adapters) {
      if (running.remove(adapter.id())) {
        stops.add(adapter.stop());
      }
    }
    return Future.join(stops).transform(v -> {
      List<Future<Void>> releases = new ArrayList<>();
      keepers.forEach(k -> releases.add(k.release()));
      return Future.join(releases).mapEmpty();
    });
  }

  static String leaseName(String adapterId) {
    return "adapter:" + adapterId;
  }
}
