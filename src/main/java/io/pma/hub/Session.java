package io.pma.hub;

import io.pma.auth.Principal;
import io.pma.bus.Published;
import io.pma.domain.EntityAdded;
import io.pma.domain.EntityId;
import io.pma.domain.EntityRemoved;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.Json;
import io.pma.domain.PmaEvent;
import io.pma.config.WebsocketConfig;
import io.pma.protocol.CloseCode;
import io.pma.protocol.ServerMessages;
import io.pma.topic.TopicPattern;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * One WebSocket connection: who it is, what it subscribed to, and its bounded outbound queue.
 * Everything it sends goes through {@link #send} (replies) or {@link #deliver} (events), in order;
 * {@link #deliver} is the single entry point for events, where a running resume holds live events
 * back until its replay is out and drops those the replay covered ({@link ResumeCommand},
 * {@link ResumeState}). Snapshot fences and keep-alive timing live in {@link SnapshotFences} and
 * {@link KeepAlive}.
 *
 * <p>The session is the single owner of its subscriptions: {@link #subscribe}, {@link #unsubscribe},
 * {@link #unsubscribeWhere} and the detach on close keep its topic map, its shard's index and the
 * shard's family mask in step, so no other class edits any of the three. Confined to its shard's
 * event loop; the transport calls the {@code on*} methods there.
 */
public final class Session {
  private final String clientId;
  private final Connection connection;
  private final HubShard shard;
  private final ClientProtocol protocol;
  private final HubCounters counters;
  private final Instant connectedAt;
  private final OutboundQueue queue;
  private final RateLimiter rateLimiter;
  private final LinkedHashMap<String, Subscription> subscriptions = new LinkedHashMap<>();
  private final SnapshotFences fences = new SnapshotFences();
  private final ResumeState resume = new ResumeState();
  private final KeepAlive keepAlive;
  /**
   * Whether this connection must still authenticate, by {@link #authenticateBy} (nanoTime): only
   * when nothing is open to anonymous clients, so that a socket without a token cannot hold a
   * file descriptor while it waits for nothing. Cleared by the first principal.
   */
  private boolean mustAuthenticate;
  private final long authenticateBy;
  /** Subscriptions dropped when authentication lapsed; a new authenticate restores them. */
  private List<Subscription> revoked = List.of();
  private Principal principal;
  private int failedAuthentications;
  private boolean closed;
  private boolean dirty;
  /**
   * The snapshot being sent in fragments, or null. Nothing else may be written until its last
   * fragment is out, so meanwhile replies and events wait in the queue, in order.
   */
  private SnapshotStream streaming;
  private long messagesSent;

  // Scratch state of the event being matched on this loop (see HubShard#fanOut).
  long matchSeq = -1;
  Subscription match;
  boolean matchWithAttributes;

  private final int queueHardLimit;

  Session(String clientId, Connection connection, HubShard shard, ClientProtocol protocol,
      WebsocketConfig config, HubCounters counters, Instant connectedAt, long nowNanos) {
    this.clientId = clientId;
    this.connection = connection;
    this.shard = shard;
    this.protocol = protocol;
    this.counters = counters;
    this.connectedAt = connectedAt;
    this.queueHardLimit = config.queueHardLimit();
    this.queue = new OutboundQueue(config.queueSoftLimit(), config.queueHardLimit(),
        counters.queuedMessages);
    this.rateLimiter = new RateLimiter(config.maxMessagesPerSecond(), config.burstMessages(),
        nowNanos);
    this.keepAlive = new KeepAlive(config.pingIntervalSeconds(), config.pongTimeoutSeconds(),
        nowNanos);
    this.mustAuthenticate = config.anonymousTopics().isEmpty();
    this.authenticateBy = nowNanos + config.authTimeoutSeconds() * 1_000_000_000L;
  }

  // ---- called by the transport, on this session's event loop ----

  /** A complete text message arrived (already checked against the size limit). */
  public void onText(byte[] message) {
    keepAlive.heard(System.nanoTime());
    if (closed) {
      return; // closing: what the client still sends changes nothing (and must not re-index)
    }
    protocol.onText(this, message);
    shard.flushDirty();
  }

  /** A complete binary message arrived: not part of the protocol, answered as invalid. */
  public void onBinary(int size) {
    keepAlive.heard(System.nanoTime());
    if (closed) {
      return;
    }
    protocol.onBinary(this, size);
    shard.flushDirty();
  }

  /** Any frame arrived (pong, ping, fragment): the peer is alive. */
  public void onFrameReceived() {
    keepAlive.heard(System.nanoTime());
  }

  /**
   * A ping or pong control frame arrived, before anything answers it: it proves the peer alive and
   * counts in the rate limit. False: drop it unanswered.
   */
  public boolean admitControlFrame() {
    keepAlive.heard(System.nanoTime());
    return !closed && protocol.admitControlFrame(this);
  }

  /** A message over {@code websocket.max_message_bytes}: the transport closes with 1009. */
  public void onTooBig() {
    counters.invalidMessages.increment();
    close(CloseCode.MESSAGE_TOO_BIG);
  }

  /** The channel's buffer fell below its low-water mark: send what waited. */
  public void onWritable() {
    if (closed) {
      return;
    }
    if (streaming != null) {
      if (streaming.parked) {
        shard.snapshots().resume(streaming);
      }
      return;
    }
    while (!queue.isEmpty() && connection.writable()) {
      OutboundQueue.Pending pending = queue.poll();
      Frame frame = pending.frame != null ? pending.frame : encodeMerged(pending);
      write(frame);
      frame.release();
    }
    if (resume.waitingForWritable() && readyForMore()) {
      resume.takeWhenWritable().run();
    }
    shard.flushDirty();
  }

  /** The connection is gone (closed by either side): forget it. */
  public void onClosed() {
    detach();
    shard.removed(this);
  }

  public String clientId() {
    return clientId;
  }

  // ---- used by the hub, on this session's event loop ----

  /** Sends a reply or notice; it queues behind anything still waiting. */
  void send(byte[] json) {
    if (closed) {
      return;
    }
    Frame frame = shard.frames().text(json);
    try {
      if (writesDirectly()) {
        write(frame);
      } else if (queue.addReply(frame) == OutboundQueue.Outcome.OVERFLOW) {
        slowConsumer();
      }
    } finally {
      frame.release();
    }
  }

  /**
   * Delivers one event through the subscription that matched; the frame is shared. While a
   * resume replay is being read, live events are held back to follow it.
   */
  void deliver(Frame frame, Published published, String topic, boolean withAttributes) {
    if (closed || resume.replayed(published.seq())) {
      // A replay already covered it (it was still on its way to this loop when history was read).
      return;
    }
    HeldEvents held = resume.held();
    if (held != null) {
      if (!held.hold(frame, published, topic, withAttributes)) {
        slowConsumer();
      }
      return;
    }
    emit(frame, published, topic, withAttributes);
  }

  /** Writes or queues an event now, bypassing a resume's hold (the replay itself uses this). */
  void emit(Frame frame, Published published, String topic, boolean withAttributes) {
    if (closed) {
      return;
    }
    resume.recordDelivered(published.seq());
    if (writesDirectly()) {
      write(frame);
      return;
    }
    PmaEvent event = published.event();
    EntityStateChanged change = event instanceof EntityStateChanged c ? c : null;
    OutboundQueue.Outcome outcome = queue.add(frame, entityOf(event), change, topic,
        published.seq(), published.publishedAt(), published.context(), withAttributes);
    if (outcome == OutboundQueue.Outcome.COALESCED) {
      counters.messagesCoalesced.increment();
    } else if (outcome == OutboundQueue.Outcome.OVERFLOW) {
      slowConsumer();
    }
  }

  /** Starts holding live events back for a resume replay; false when one is running already. */
  boolean holdForResume() {
    return resume.startHolding(queueHardLimit);
  }

  /**
   * Ends the hold: a replay covered every matching event up to {@code coveredUpTo}, so held and
   * still incoming live events up to it are dropped; the newer held ones go out now, in order.
   */
  void releaseHeld(long coveredUpTo) {
    HeldEvents events = resume.stopHolding(coveredUpTo);
    if (events != null) {
      events.drain(h -> deliver(h.frame(), h.published(), h.topic(), h.withAttributes()));
    }
  }

  /** Whether a write now goes straight to the connection (nothing queued, buffer not full). */
  boolean readyForMore() {
    return !closed && writesDirectly();
  }

  /** Nothing waits before a new message: no snapshot in progress, nothing queued, room. */
  private boolean writesDirectly() {
    return streaming == null && queue.isEmpty() && connection.writable();
  }

  /**
   * Whether a snapshot may start now as fragments ({@link SnapshotWriter}): nothing is queued or
   * being streamed, so it cannot overtake what was sent before it.
   */
  boolean canStream() {
    return !closed && streaming == null && queue.isEmpty();
  }

  void startStream(SnapshotStream stream) {
    streaming = stream;
  }

  /** The snapshot's last fragment is out: what waited meanwhile goes now. */
  void streamFinished() {
    streaming = null;
    onWritable();
  }

  boolean connectionWritable() {
    return connection.writable();
  }

  /** Writes one fragment of the snapshot in progress; a message is counted at its last. */
  void writeFragment(List<Frame> pieces, boolean first, boolean last) {
    connection.writeFragment(pieces, first, last);
    int bytes = 0;
    for (Frame piece : pieces) {
      bytes += piece.size();
    }
    shard.sentBytes(bytes, last);
    if (last) {
      messagesSent++;
    }
    if (!dirty) {
      dirty = true;
      shard.markDirty(this);
    }
  }

  void tick(long nowNanos, Instant now) {
    if (closed) {
      return;
    }
    if (keepAlive.dead(nowNanos)) {
      counters.keepaliveTimeouts.increment();
      abort(CloseCode.KEEPALIVE_TIMEOUT);
      return;
    }
    if (mustAuthenticate && nowNanos - authenticateBy > 0) {
      close(CloseCode.AUTHENTICATION_TIMEOUT);
      return;
    }
    if (keepAlive.pingNow(nowNanos)) {
      connection.ping();
    }
    if (principal != null && principal.expiresAt() != null
        && !now.isBefore(principal.expiresAt())) {
      protocol.authenticationLapsed(this, now);
    }
  }

  /** Closes after what was already written; whatever still waits in the queue is dropped. */
  void close(CloseCode code) {
    if (closed) {
      return;
    }
    detach();
    connection.flush();
    connection.close(code);
  }

  void flushIfDirty() {
    if (dirty) {
      dirty = false;
      connection.flush();
    }
  }

  // ---- state used by ClientProtocol ----

  Principal principal() {
    return principal;
  }

  void principal(Principal principal) {
    this.principal = principal;
    this.mustAuthenticate = false;
  }

  int failedAuthentication() {
    return ++failedAuthentications;
  }

  RateLimiter rateLimiter() {
    return rateLimiter;
  }

  // ---- subscriptions: this session is their only writer ----

  /**
   * Adds a topic: it enters this session's map and its shard's index (and family mask) at once.
   * False when the session already holds the topic or is closed; nothing changes then.
   */
  boolean subscribe(TopicPattern pattern, boolean includeAttributes, Set<String> domains) {
    String topic = pattern.toString();
    if (closed || subscriptions.containsKey(topic)) {
      return false;
    }
    Subscription subscription = new Subscription(this, pattern, includeAttributes, domains);
    subscriptions.put(topic, subscription);
    shard.indexed(subscription);
    return true;
  }

  /** Removes a topic (canonical text) from the map and the index; null when not held. */
  Subscription unsubscribe(String topic) {
    Subscription subscription = subscriptions.remove(topic);
    if (subscription != null) {
      shard.unindexed(subscription);
    }
    return subscription;
  }

  /** Removes every subscription {@code which} selects, in subscription order; returns them. */
  List<Subscription> unsubscribeWhere(Predicate<Subscription> which) {
    List<Subscription> removed = new ArrayList<>();
    Iterator<Subscription> it = subscriptions.values().iterator();
    while (it.hasNext()) {
      Subscription subscription = it.next();
      if (which.test(subscription)) {
        it.remove();
        shard.unindexed(subscription);
        removed.add(subscription);
      }
    }
    return removed;
  }

  boolean holds(String topic) {
    return subscriptions.containsKey(topic);
  }

  int subscriptionCount() {
    return subscriptions.size();
  }

  int globSubscriptionCount() {
    int globs = 0;
    for (Subscription subscription : subscriptions.values()) {
      globs += subscription.pattern.isGlob() ? 1 : 0;
    }
    return globs;
  }

  /** The current subscriptions in the order they were made (read-only). */
  Collection<Subscription> subscriptions() {
    return Collections.unmodifiableCollection(subscriptions.values());
  }

  /** The current topics in the order they were subscribed (read-only). */
  Collection<String> topics() {
    return Collections.unmodifiableCollection(subscriptions.keySet());
  }

  List<Subscription> revoked() {
    return revoked;
  }

  void revoked(List<Subscription> revoked) {
    this.revoked = List.copyOf(revoked);
  }

  HubShard shard() {
    return shard;
  }

  boolean isClosed() {
    return closed;
  }

  Instant connectedAt() {
    return connectedAt;
  }

  String remoteAddress() {
    return connection.remoteAddress();
  }

  int queueDepth() {
    return queue.size();
  }

  long messagesSent() {
    return messagesSent;
  }

  /** The snapshots this connection received (fan-out skips what they cover). */
  SnapshotFences fences() {
    return fences;
  }

  /** The resume bookkeeping: what was delivered, what a running replay holds back. */
  ResumeState resume() {
    return resume;
  }

  // ---- internals ----

  private void write(Frame frame) {
    connection.write(frame);
    messagesSent++;
    shard.sent(frame.size());
    if (!dirty) {
      dirty = true;
      shard.markDirty(this);
    }
  }

  private Frame encodeMerged(OutboundQueue.Pending pending) {
    EntityStateChanged change = pending.change;
    byte[] data = ServerMessages.eventData(change, pending.withAttributes);
    return shard.frames().text(ServerMessages.event(change.type(),
        Json.formatInstant(pending.publishedAt), pending.topic, pending.seq,
        ServerMessages.context(pending.context), data));
  }

  private void slowConsumer() {
    counters.slowConsumerDisconnects.increment();
    abort(CloseCode.SLOW_CONSUMER);
  }

  private void abort(CloseCode code) {
    if (closed) {
      return;
    }
    detach();
    connection.abort(code);
  }

  /** Leaves the index and drops queued output; idempotent. */
  private void detach() {
    if (closed) {
      return;
    }
    closed = true;
    resume.discard();
    if (streaming != null) {
      streaming.release();
      streaming = null;
    }
    for (Subscription subscription : subscriptions.values()) {
      shard.unindexed(subscription);
    }
    counters.messagesDropped.add(queue.clear());
  }

  private static EntityId entityOf(PmaEvent event) {
    if (event instanceof EntityStateChanged change) {
      return change.entityId();
    }
    if (event instanceof EntityAdded added) {
      return added.entityId();
    }
    if (event instanceof EntityRemoved removed) {
      return removed.entityId();
    }
    return null;
  }
}
