package io.pma.adapter;

import io.pma.domain.Refusal;
import io.vertx.core.Future;

/**
 * Carries an action to the node where its adapter runs, when that is not this node (a cluster
 * runs each adapter on exactly one node at a time).
 */
public interface RemoteActions {
  /** A single node: every adapter runs here, so nothing is ever remote. */
  RemoteActions NONE = (adapterId, action) -> Future.failedFuture(new ActionException(
      Refusal.UNAVAILABLE, "adapter '" + adapterId + "' is not running"));

  Future<Void> execute(String adapterId, EntityAction action);
}
