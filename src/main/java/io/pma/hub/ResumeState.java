package io.pma.hub;

/**
 * What a resume needs to know about one connection: which seqs it already received (so a replay
 * never sends them twice), the live events held back while a replay is read, how far a finished
 * replay reached (live events up to there are not sent again), and a paced replay waiting for the
 * connection to drain. {@link Session#deliver} and {@link Session#emit} consult it for every event,
 * so those checks are plain field reads. Confined to the session's event loop.
 */
final class ResumeState {
  /** The first seqs this connection received, so a resume never sends them twice. */
  private final DeliveredSeqs delivered = new DeliveredSeqs();
  private long lastDeliveredSeq;
  /** Live events waiting for a resume replay to finish; null when no resume is running. */
  private HeldEvents held;
  /** Live events up to this seq were covered by a resume replay and are not sent again. */
  private long resumedThrough;
  /** A paced resume replay waiting for the connection to take more; null otherwise. */
  private Runnable whenWritable;

  /** Whether a finished replay covered this live event (it was on its way when history was read). */
  boolean replayed(long seq) {
    return seq <= resumedThrough;
  }

  /** The live events held back for a running replay; null when none is running. */
  HeldEvents held() {
    return held;
  }

  /** The event with this seq goes to the connection now. */
  void recordDelivered(long seq) {
    if (seq > lastDeliveredSeq) {
      // Replayed events are older than live ones already sent: only rising seqs are recorded.
      lastDeliveredSeq = seq;
      delivered.add(seq);
    }
  }

  /** Whether this connection already received the event with this seq. */
  boolean alreadyDelivered(long seq) {
    return seq <= lastDeliveredSeq && delivered.contains(seq);
  }

  /** Starts holding up to {@code limit} live events back; false when a replay is running already. */
  boolean startHolding(int limit) {
    if (held != null) {
      return false;
    }
    held = new HeldEvents(limit);
    return true;
  }

  /**
   * Ends the hold: a replay covered every matching event up to {@code coveredUpTo}. Returns the
   * held events (null when none were held) for the caller to deliver or release.
   */
  HeldEvents stopHolding(long coveredUpTo) {
    resumedThrough = Math.max(resumedThrough, coveredUpTo);
    HeldEvents events = held;
    held = null;
    return events;
  }

  /** Remembers a paced replay to go on once the connection can take more. */
  void whenWritable(Runnable continuation) {
    this.whenWritable = continuation;
  }

  boolean waitingForWritable() {
    return whenWritable != null;
  }

  /** The waiting replay's continuation, forgotten here (the caller runs it). */
  Runnable takeWhenWritable() {
    Runnable continuation = whenWritable;
    whenWritable = null;
    return continuation;
  }

  /** The connection closed: held frames are released. */
  void discard() {
    if (held != null) {
      held.release();
      held = null;
    }
  }
}
