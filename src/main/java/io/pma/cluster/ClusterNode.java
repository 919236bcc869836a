package io.pma.cluster;

import io.pma.adapter.AdapterManager;
import io.pma.adapter.RemoteActions;
import io.pma.auth.TokenRevocations;
import io.pma.config.BrokerConfig;
import io.vertx.core.Future;

/**
 * This node's part in a cluster beside the event stream: which adapters it runs (leases), the
 * relay of actions to the adapters other nodes run, and the relay of token revocations. Built by
 * the composition root only when {@code broker.type} is {@code redis}.
 */
public final class ClusterNode implements AutoCloseable {
  private final AdapterOwnership ownership;
  private final ActionRelay actions;
  private final RevocationRelay revocations;

  public ClusterNode(RedisLink link, BrokerConfig config, TokenRevocations revocations) {
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

  /** Stops the adapters running here and hands their leases over. */
  public Future<Void> stop(AdapterManager adapters) {
    return ownership.stop(adapters.all());
  }

  @Override
  public void close() {
    actions.close();
    revocations.close();
  }
}
