package io.pma.adapter;

import io.pma.domain.AdapterStatus;
import io.pma.domain.SyncStatus;
import io.vertx.core.Future;

/**
 * One connection to an external system. {@link #start()} returns at once and the adapter keeps
 * itself connected (reconnecting on its own) until {@link #stop()}; every status transition is
 * published as {@link AdapterStatus} through its {@link AdapterStatusReporter}.
 */
public interface Adapter {
  String id();

  String type();

  void start();

  Future<Void> stop();

  AdapterStatus status();

  /**
   * Carries out an action on an entity this adapter owns. Completes when the external system
   * accepted it; the resulting state arrives later through the registry, never predicted here.
   * Fails with {@link ActionException} for unsupported actions, bad parameters or upstream errors.
   */
  Future<Void> execute(EntityAction action);

  /** Full resynchronisation with the external system, reported as {@code pma_sync_status}. */
  Future<SyncStatus> sync();
}
