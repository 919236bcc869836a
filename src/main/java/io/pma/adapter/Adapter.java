package io.pma.adapter;

import io.pma.domain.AdapterStatus;
import io.pma.domain.SyncStatus;
import io.vertx.core.Future;

/**
 * One connection to an external system. {@link #start()} returns at once and the adapter keeps
 * itself connected (reconnecting on its own) until {@link #stop()}; every status transition is
 * published as {@link AdapterStatus} through its {@link AdapterStatusReporter}.
 *
 * <p><b>Threading contract.</b> Every method may be called from any thread (REST handlers on any
 * event loop, the automation engine's context, the cluster's lease and relay contexts). An adapter
 * confines its state to one Vert.x context of its own, an {@link AdapterLoop}: the methods hop onto
 * it, its clients and timers call back on it, and nothing is locked. The futures it returns
 * complete on the caller's context ({@link AdapterLoop#call}), never on the adapter's, so a
 * caller's continuation keeps Vert.x's one-thread-per-handler rule. {@link #status()} is the one
 * exception: it reads the {@link AdapterStatusReporter}, which is thread-safe, and answers at once.
 * An adapter never blocks its context (no waiting on I/O, no locks held across calls); it reports
 * entities only through the registry.
 */
public interface Adapter {
  String id();

  String type();

  /**
   * Starts the adapter, which then keeps itself connected. Completes once it is under way on its
   * context (the demo devices are in the registry; an external system is being connected to, not
   * necessarily connected).
   */
  Future<Void> start();

  Future<Void> stop();

  AdapterStatus status();

  /**
   * Carries out an action on an entity this adapter owns. Completes when the external system
   * accepted it; the resulting state arrives later through the registry, as the device reports
   * it. Fails with {@link ActionException} for unsupported actions, bad parameters or upstream
   * errors.
   *
   * <p><b>The optimistic case.</b> A device that never reports its state back would keep its old
   * state for ever. For an entity configured {@code optimistic: true} (Home Assistant's optimistic
   * mode; today only MQTT entities, docs/MQTT.md) and for it only, the adapter writes the state the
   * action implies to the registry once the external system accepted the command
   * ({@code MqttAdapter.assume}); a later report from the device still wins. A missing state topic
   * alone does not make an entity optimistic. Every other entity's state comes only from the
   * device.
   */
  Future<Void> execute(EntityAction action);

  /** Full resynchronisation with the external system, reported as {@code pma_sync_status}. */
  Future<SyncStatus> sync();
}
