package io.pma.automation;

import io.pma.store.StoreException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's part in running automations in a cluster. The nodes share the rule store: each one
 * re-reads it every {@code every} (on a worker thread), so that its REST answers and its engine
 * follow changes made through other nodes. Only the node holding the cluster's automation lease
 * arms the triggers ({@link #lead()}), so a rule runs once per trigger, not once per node.
 */
public final class SharedRules {
  private static final Logger LOG = LoggerFactory.getLogger(SharedRules.class);

  private final Vertx vertx;
  private final Automations automations;
  private final AutomationEngine engine;
  private final Duration every;
  private long timer = -1;

  public SharedRules(Vertx vertx, Automations automations, AutomationEngine engine,
      Duration every) {
    this.vertx = vertx;
    this.automations = automations;
    this.engine = engine;
    this.every = every;
  }

  public synchronized void start() {
    timer = vertx.setPeriodic(every.toMillis(), t -> refresh());
  }

  public synchronized void stop() {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** This node won the lease: catch up with the store, then arm the rules. */
  public void lead() {
    refresh().onComplete(v -> engine.lead());
  }

  /** This node lost the lease. */
  public void standBy() {
    engine.standBy();
  }

  private Future<Void> refresh() {
    return vertx.<Void>executeBlocking(() -> {
      automations.refresh();
      return null;
    }, false).recover(e -> {
      if (e instanceof StoreException) {
        LOG.warn("cannot re-read the automation rules: {}", e.getMessage());
        return Future.succeededFuture();
      }
      return Future.failedFuture(e);
    });
  }
}
