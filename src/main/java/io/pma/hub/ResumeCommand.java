package io.pma.hub;

import io.pma.bus.Broker;
import io.pma.bus.History;
import io.pma.bus.Published;
import io.pma.protocol.ClientMessage;
import io.pma.protocol.ErrorReason;
import io.pma.protocol.ServerMessages;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code resume} message (PROTOCOL.md section 8). Live events are held back from the moment
 * the resume is handled; the broker's history after {@code last_seq} is read (cluster-wide with a
 * Redis broker) and every event in it that matches the connection's current subscriptions is
 * sent, in seq order and paced by the connection ({@link Replay}), except those the connection
 * already received or a snapshot covers; then {@code resume_success}; then the held live events
 * newer than the replay. So nothing is lost or sent twice, and seq keeps increasing. Stateless;
 * runs on the session's event loop (a history that is read asynchronously comes back to it).
 */
final class ResumeCommand {
  static final String HISTORY_EXPIRED = "history expired";
  private static final Logger LOG = LoggerFactory.getLogger(ResumeCommand.class);

  private final Broker broker;
  private final Clock clock;

  ResumeCommand(Broker broker, Clock clock) {
    this.broker = broker;
    this.clock = clock;
  }

  void resume(Session session, ClientMessage.Resume request) {
    if (!session.holdForResume()) {
      session.send(ServerMessages.invalidMessage(ErrorReason.INVALID_DATA,
          "a resume is already running on this connection", clock.instant(), request.requestId()));
      return;
    }
    CompletableFuture<History> reading = broker.history(request.lastSeq());
    if (reading.isDone()) {
      finish(session, request, reading); // the memory broker answers at once, on this loop
      return;
    }
    reading.whenComplete((history, error) ->
        session.shard().execute(() -> {
          finish(session, request, reading);
          session.shard().flushDirty();
        }));
  }

  private void finish(Session session, ClientMessage.Resume request,
      CompletableFuture<History> reading) {
    if (session.isClosed()) {
      session.releaseHeld(Long.MAX_VALUE);
      return;
    }
    History history;
    try {
      history = reading.join();
    } catch (RuntimeException e) {
      LOG.warn("resume history unavailable: {}", e.getMessage());
      session.send(ServerMessages.resumeFailure("history unavailable", 0, clock.instant(),
          request.requestId()));
      session.releaseHeld(0);
      return;
    }
    long lastSeq = request.lastSeq();
    if (!history.reaches(lastSeq)) {
      session.send(ServerMessages.resumeFailure(HISTORY_EXPIRED, history.oldestSeq(),
          clock.instant(), request.requestId()));
      session.releaseHeld(0);
      return;
    }
    long coveredUpTo = Math.max(lastSeq, history.lastSeq());
    for (Published published : history.events()) {
      coveredUpTo = Math.max(coveredUpTo, published.seq());
    }
    new Replay(session, history.events(), lastSeq, coveredUpTo, request.requestId(), clock).run();
  }
}
