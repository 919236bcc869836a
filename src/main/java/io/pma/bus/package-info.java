/**
 * The event bus: the {@link io.pma.bus.Broker} seam every published event goes through, with
 * sequence numbers and a bounded history for resuming clients. {@link io.pma.bus.MemoryBroker}
 * loops back on one node; {@code cluster.RedisBroker} spans nodes on the same interface, so the
 * single-node path is the cluster path.
 */
package io.pma.bus;
