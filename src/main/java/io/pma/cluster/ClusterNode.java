package io.pma.cluster;

import io.pma.adapter.AdapterManager;
import io.pma.adapter.RemoteActions;
import io.pma.auth.TokenRevocations;
import io.pma.config.BrokerConfig;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * This node's part in a cluster beside the event stream: which adapters it runs (leases), the
 * relay of actions to the adapters other nodes run, and the relay of token revocations. Built by
 * the composition root only when {@code broker.type} is {@code redis}.
 */
public final class ClusterNode implements AutoCloseable {
  private final AdapterOwnership ownership;
  private final ActionRelay actions;
  private final RevocationRelay revocations;
  private final RedisLink link;
  private final Duration leaseTtl;
  private final List<LeaseKeeper> roles = new ArrayList<>();

  public ClusterNode(RedisLink link, BrokerConfig config, TokenRevocations revocations) {
    this.link = link;
    this.leaseTtl = config.lease();
    this.ownership = new AdapterOwnership(link, config.lease());
    this.actions = new ActionRelay(link, config.actionTimeout());
    this.revocations = new RevocationRelay(link, revocations);
  }

  public boolean runsHere(String adapterId) {
    return ownership.runsHere(adapterId);
  }

  public RemoteActions actions() {
    return actions;
  }

  /** Joins: relays start, then this node competes for every adapter's lease. */
  public void start(AdapterManager adapters) {
    revocations.start();
    actions.start(adapters);
    ownership.start(adapters.all());
  }

  /**
   * Competes for a role one node holds at a time (a lease named {@code name}, like an adapter's):
   * {@code onAcquired} runs when this node takes it, {@code onLost} when it loses it.
   */
  public synchronized void hold(String name, Runnable onAcquired, Runnable onLost) {
    LeaseKeeper keeper = new LeaseKeeper(link, link.vertx().getOrCreateContext(), name, leaseTtl,
        onAcquired, onLost);
    roles.add(keeper);
    keeper.start();
  }

  /** Stops the adapters running here and hands their leases (and roles) over. */
  public Future<Void> stop(AdapterManager adapters) {
    return ownership.stop(adapters.all()).transform(v -> {
      List<Future<Void>> releases = new ArrayList<>();
      synchronized (this) {
        roles.forEach(r -> releases.add(r.release()));
      }
      return Future.join(releases).mapEmpty();
    });
  }

  @Override
  public void close() {
    actions.close();
    revocations.close();
  }
}
