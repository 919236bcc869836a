package io.pma.adapter.mqtt;

import io.pma.bus.Broker;
import io.pma.domain.SyncStatus;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One discovery pass, reported as {@code pma_sync_status}: "syncing" when it starts (after a
 * connect or on request), then "completed" once the broker acknowledged the discovery
 * subscription and no config arrived for {@code settleMs} (the retained configs come right after
 * the acknowledgement), or "error" when the connection is lost first. A pass never runs longer
 * than {@link #MAX_DURATION}. Confined to the adapter's event loop.
 */
final class DiscoveryPass {
  static final Duration MAX_DURATION = Duration.ofSeconds(60);

  private final String adapterId;
  private final Broker broker;
  private final Clock clock;
  private final Vertx vertx;
  private final long settleMs;
  private final Instant startedAt;
  private final Promise<SyncStatus> result = Promise.promise();
  private final long deadlineTimer;
  private long settleTimer = -1;
  private int found;
  private int added;
  private int updated;
  private int removed;
  private int invalid;

  DiscoveryPass(String adapterId, Broker broker, Clock clock, Vertx vertx, long settleMs) {
    this.adapterId = adapterId;
    this.broker = broker;
    this.clock = clock;
    this.vertx = vertx;
    this.settleMs = settleMs;
    this.startedAt = now();
    broker.publish(new SyncStatus(adapterId, DiscoveredEntity.SOURCE, SyncStatus.SYNCING,
        startedAt, null, null, 0, 0, 0, 0, null));
    this.deadlineTimer = vertx.setTimer(MAX_DURATION.toMillis(), t -> complete());
  }

  Future<SyncStatus> result() {
    return result.future();
  }

  boolean done() {
    return result.future().isComplete();
  }

  /** The discovery subscription is acknowledged: retained configs are on their way. */
  void subscribed() {
    arm();
  }

  /** Counts one config message; a pass waits until configs stop arriving. */
  void count(Discovery.Outcome outcome) {
    switch (outcome) {
      case ADDED:
        found++;
        added++;
        break;
      case UPDATED:
        found++;
        updated++;
        break;
      case UNCHANGED:
        found++;
        break;
      case REMOVED:
        removed++;
        break;
      case INVALID:
        invalid++;
        break;
      default:
        break;
    }
    if (settleTimer >= 0) {
      arm();
    }
  }

  private void arm() {
    if (done()) {
      return;
    }
    if (settleTimer >= 0) {
      vertx.cancelTimer(settleTimer);
    }
    settleTimer = vertx.setTimer(settleMs, t -> complete());
  }

  private void complete() {
    String error = invalid == 0 ? null : invalid + " discovery config(s) were invalid";
    finish(invalid == 0 ? SyncStatus.COMPLETED : SyncStatus.COMPLETED_WITH_ERRORS, error);
  }

  void fail(String reason) {
    finish(SyncStatus.ERROR, reason);
  }

  private void finish(String status, String error) {
    if (done()) {
      return;
    }
    vertx.cancelTimer(deadlineTimer);
    if (settleTimer >= 0) {
      vertx.cancelTimer(settleTimer);
    }
    Instant finishedAt = now();
    SyncStatus outcome = new SyncStatus(adapterId, DiscoveredEntity.SOURCE, status, startedAt,
        finishedAt, ChronoUnit.MILLIS.between(startedAt, finishedAt), found, added, updated,
        removed, error);
    broker.publish(outcome);
    result.complete(outcome);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
