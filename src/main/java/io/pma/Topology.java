package io.pma;

import io.pma.adapter.Adapter;
import io.pma.adapter.AdapterManager;
import io.pma.auth.TokenRevocations;
import io.pma.automation.AutomationEngine;
import io.pma.automation.Automations;
import io.pma.automation.SharedRules;
import io.pma.bus.Broker;
import io.pma.bus.MemoryBroker;
import io.pma.cluster.ClusterNode;
import io.pma.cluster.RedisBroker;
import io.pma.cluster.RedisLink;
import io.pma.config.BrokerConfig;
import io.pma.registry.EntityRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * How this process runs: alone ({@link SingleNode}, the memory broker) or as one node of a
 * cluster ({@link Cluster}, Redis). Chosen once from {@code broker.type} by {@link #of}; the
 * composition root asks it for the parts that differ and never tests for the cluster again.
 */
sealed interface Topology permits Topology.SingleNode, Topology.Cluster {
  /** How soon a node sees rules changed through another node of a cluster. */
  Duration SHARED_RULES_REFRESH = Duration.ofSeconds(2);

  static Topology of(BrokerConfig config, Vertx vertx, Clock clock,
      TokenRevocations revocations) {
    if (!config.redis()) {
      return new SingleNode(new MemoryBroker(clock, config.historySize(), config.historyAge()));
    }
    RedisLink link = new RedisLink(vertx, config);
    return new Cluster(link, new RedisBroker(link, config, clock),
        new ClusterNode(link, config, revocations), vertx);
  }

  Broker broker();

  /** The adapters by id: all run here on one node; each on the node holding its lease in a cluster. */
  AdapterManager adapters(List<Adapter> configured, EntityRegistry registry);

  /** Before serving: what this node must know of the others (the adapters' latest statuses). */
  Future<Void> join(AdapterManager adapters);

  /** Whether this node runs the automations' triggers from the start (else when it leads). */
  boolean leadsAutomationsAtStart();

  /** Starts the adapters (here, or competing for their leases) and the shared roles. */
  Future<Void> start(AdapterManager adapters, Automations automations, AutomationEngine engine);

  /** Stops sharing rules with the other nodes (first step of a cluster node's stop). */
  void stopSharing();

  /** Stops the adapters running here (and hands their leases over). */
  Future<Void> stopAdapters(AdapterManager adapters);

  /** Closes the cluster connections; after the broker is closed. */
  void close();

  /** This node's cluster membership; empty on a single node. */
  Optional<ClusterNode> cluster();

  /** One node: everything here, nothing shared. */
  record SingleNode(Broker broker) implements Topology {
    @Override
    public AdapterManager adapters(List<Adapter> configured, EntityRegistry registry) {
      return new AdapterManager(configured, registry);
    }

    @Override
    public Future<Void> join(AdapterManager adapters) {
      return Future.succeededFuture();
    }

    @Override
    public boolean leadsAutomationsAtStart() {
      return true;
    }

    @Override
    public Future<Void> start(AdapterManager adapters, Automations automations,
        AutomationEngine engine) {
      return adapters.startAll();
    }

    @Override
    public void stopSharing() {}

    @Override
    public Future<Void> stopAdapters(AdapterManager adapters) {
      return adapters.stopAll();
    }

    @Override
    public void close() {}

    @Override
    public Optional<ClusterNode> cluster() {
      return Optional.empty();
    }
  }

  /** One node of several sharing a Redis (docs/SCALING.md). */
  final class Cluster implements Topology {
    private final RedisLink link;
    private final RedisBroker broker;
    private final ClusterNode node;
    private final Vertx vertx;
    /** Set once by {@link #start}: the rules are shared only once there is an engine. */
    private volatile SharedRules sharedRules;

    Cluster(RedisLink link, RedisBroker broker, ClusterNode node, Vertx vertx) {
      this.link = link;
      this.broker = broker;
      this.node = node;
      this.vertx = vertx;
    }

    @Override
    public Broker broker() {
      return broker;
    }

    @Override
    public AdapterManager adapters(List<Adapter> configured, EntityRegistry registry) {
      return new AdapterManager(configured, registry, node::runsHere, node.actions());
    }

    @Override
    public Future<Void> join(AdapterManager adapters) {
      return node.readAdapterStatuses(adapters);
    }

    @Override
    public boolean leadsAutomationsAtStart() {
      return false;
    }

    @Override
    public Future<Void> start(AdapterManager adapters, Automations automations,
        AutomationEngine engine) {
      SharedRules rules = new SharedRules(vertx, automations, engine, SHARED_RULES_REFRESH);
      sharedRules = rules;
      rules.start();
      node.hold("automations", rules::lead, rules::standBy);
      node.start(adapters);
      return Future.succeededFuture();
    }

    @Override
    public void stopSharing() {
      SharedRules rules = sharedRules;
      if (rules != null) {
        rules.stop();
      }
    }

    @Override
    public Future<Void> stopAdapters(AdapterManager adapters) {
      return node.stop(adapters);
    }

    @Override
    public void close() {
      node.close();
      link.close();
    }

    @Override
    public Optional<ClusterNode> cluster() {
      return Optional.of(node);
    }
  }
}
