package io.pma.adapter.homeassistant;

import io.pma.bus.Broker;
import io.pma.domain.SyncStatus;
import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

/**
 * One full sync over a connection, reported as {@code pma_sync_status}: {@code syncing}, then
 * {@code completed}, {@code completed_with_errors} or {@code error}. Subscribing (when asked) comes
 * after the mirror starts buffering and before {@code get_states}, so no change falls in between.
 * Runs on the adapter's event loop.
 */
final class HaSync {
  private final String adapterId;
  private final StateMirror mirror;
  private final Broker broker;
  private final Clock clock;

  HaSync(String adapterId, StateMirror mirror, Broker broker, Clock clock) {
    this.adapterId = adapterId;
    this.mirror = mirror;
    this.broker = broker;
    this.clock = clock;
  }

  /** Completes (never fails) with the final status, already published. */
  Future<SyncStatus> run(HaConnection connection, Supplier<Future<Void>> subscribeFirst) {
    Instant started = now();
    broker.publish(new SyncStatus(adapterId, StateMirror.SOURCE, SyncStatus.SYNCING, started,
        null, null, 0, 0, 0, 0, null));
    mirror.beginSync();
    return subscribeFirst.get()
        .compose(v -> connection.request(HaMessages.getStates()))
        .map(states -> finished(started, mirror.completeSync(states)))
        .recover(e -> {
          mirror.abortSync();
          return Future.succeededFuture(failed(started, e.getMessage()));
        })
        .onSuccess(broker::publish);
  }

  private SyncStatus finished(Instant started, StateMirror.Outcome outcome) {
    Instant finished = now();
    String error = outcome.errorCount() == 0 ? null : outcome.errorCount() + " state(s) not mirrored: "
        + String.join("; ", outcome.errors()) + (outcome.errorCount() > outcome.errors().size()
            ? "; ..." : "");
    return new SyncStatus(adapterId, StateMirror.SOURCE,
        error == null ? SyncStatus.COMPLETED : SyncStatus.COMPLETED_WITH_ERRORS, started, finished,
        Duration.between(started, finished).toMillis(), outcome.found(), outcome.added(),
        outcome.updated(), outcome.removed(), error);
  }

  private SyncStatus failed(Instant started, String error) {
    Instant finished = now();
    return new SyncStatus(adapterId, StateMirror.SOURCE, SyncStatus.ERROR, started, finished,
        Duration.between(started, finished).toMillis(), 0, 0, 0, 0, error);
  }

  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MILLIS);
  }
}
