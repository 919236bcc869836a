package io.pma.cluster;

import io.pma.adapter.AdapterManager;
import io.pma.adapter.RemoteActions;
import io.pma.auth.TokenRevocations;
import io.pma.config.BrokerConfig;
import io.pma.bus.EventCodec;
import io.pma.domain.AdapterStatus;
import io.vertx.core.Future;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's part in a cluster beside the event stream: which adapters it runs (leases), the
 * relay of actions to the adapters other nodes run, and the relay of token revocations. Built by
 * the composition root only when {@code broker.type} is {@code redis}.
 */
public final class ClusterNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ClusterNode.class);
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

  /**
   * Hands {@code adapters} the latest status each adapter published in the cluster before this
   * node joined (the event stream may no longer hold it), so this node reports what the others do.
   */
  public Future<Void> readAdapterStatuses(AdapterManager adapters) {
    return link.commands().send(Request.cmd(Command.HGETALL).arg(link.keys().adapterStatuses()))
        .map(hash -> {
          for (String adapterId : hash.getKeys()) {
            String stored = hash.get(adapterId).toString();
            int space = stored.indexOf(' ');
            try {
              adapters.observed(Long.parseLong(stored.substring(0, space)), (AdapterStatus)
                  EventCodec.decode(AdapterStatus.class.getSimpleName(),
                  stored.substring(space + 1)));
            } catch (RuntimeException e) {
              LOG.warn("adapter status of {} in Redis skipped: {}", adapterId, e.getMessage());
            }
          }
          return null;
        });
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
