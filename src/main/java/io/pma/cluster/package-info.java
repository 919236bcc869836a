/**
 * Several PMA nodes as one system, coordinated through Redis: the cluster-wide ordered event stream
 * ({@link io.pma.cluster.RedisBroker}, also the resume history), adapter ownership leases, entity
 * actions relayed to the owning node, and token revocations relayed to every node. Nothing here is
 * used by a single node with the in-memory broker.
 */
package io.pma.cluster;
