/**
 * The event bus: the {@link io.pma.bus.Broker} seam every published event goes through, with
 * sequence numbers. {@link io.pma.bus.MemoryBroker} loops back on one node; a Redis broker spans
 * nodes on the same interface, so the single-node path is the cluster path.
 */
package io.pma.bus;
