package io.pma.hub;

import io.pma.auth.AuthenticationException;
import io.pma.auth.Principal;
import io.pma.bus.Published;
import io.pma.config.WebsocketConfig;
import io.pma.metrics.FanoutMetrics;
import io.pma.protocol.CloseCode;
import io.pma.protocol.ServerMessages;
import io.pma.topic.TopicFamily;
import io.pma.topic.TopicPattern;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's part on one event loop: its sessions, their subscription index, and the fan-out of
 * events to them. The broker's thread hands each event over once ({@link #enqueue}); the loop
 * drains the inbox in batches, matches each event through the index, encodes it once per variant,
 * writes the shared frames and flushes each touched connection once per batch. Everything but
 * {@link #enqueue} and {@link #wants} runs on the loop.
 */
public final class HubShard {
  private static final Logger LOG = LoggerFactory.getLogger(HubShard.class);
  /** Events per loop turn: small enough that writes are flushed and I/O served in between. */
  private static final int BATCH = 64;
  private static final TopicPattern NOTIFICATIONS = TopicPattern.parse("notifications");

  private final Executor loop;
  private final Executor afterIo;
  private final FrameFactory frames;
  private final ClientProtocol protocol;
  private final WebsocketConfig config;
  private final HubCounters counters;
  private final FanoutMetrics fanout;
  private final Clock clock;
  private final SubscriptionIndex index = new SubscriptionIndex();
  private final EventVariants variants;
  private final SnapshotWriter snapshots;
  private final ConcurrentLinkedQueue<Published> inbox = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean drainScheduled = new AtomicBoolean();
  private final Set<Session> sessions = new LinkedHashSet<>();
  private final ArrayList<Session> matched = new ArrayList<>();
  private final ArrayList<Session> dirty = new ArrayList<>();
  private final SubscriptionIndex.Sink collect = this::collect;
  /** Families with at least one subscriber here; read by the broker thread. */
  private volatile int familyMask;
  private long matchingSeq;
  private long sentMessages;
  private long sentBytes;

  HubShard(Executor loop, Executor afterIo, FrameFactory frames, ClientProtocol protocol,
      WebsocketConfig config, HubCounters counters, FanoutMetrics fanout, Clock clock) {
    this.loop = loop;
    this.afterIo = afterIo;
    this.frames = frames;
    this.protocol = protocol;
    this.config = config;
    this.counters = counters;
    this.fanout = fanout;
    this.clock = clock;
    this.variants = new EventVariants(frames);
    this.snapshots = new SnapshotWriter(this, frames);
  }

  // ---- broker side (any thread) ----

  boolean wants(TopicFamily family) {
    return (familyMask & (1 << family.ordinal())) != 0;
  }

  void enqueue(Published published) {
    inbox.offer(published);
    if (drainScheduled.compareAndSet(false, true)) {
      loop.execute(this::drain);
    }
  }

  /** Runs a task on this shard's loop. */
  void execute(Runnable task) {
    loop.execute(task);
  }

  /**
   * Runs a task on this shard's loop after it served its sockets: a task queued with
   * {@link #execute} from the loop runs in the same batch of tasks, which Netty lets run for up to a
   * second before it polls the sockets again.
   */
  void executeAfterIo(Runnable task) {
    afterIo.execute(task);
  }

  // ---- the loop ----

  /**
   * Opens a session for a new connection, or returns null when the connection limit is reached
   * (the transport then closes with 1013). A token from the upgrade request is checked here:
   * {@code welcome} says whether it worked, and a bad one is followed by
   * {@code authentication_failure}.
   */
  public Session open(Connection connection, String upgradeToken) {
    if (!counters.tryConnect(config.maxConnections())) {
      return null;
    }
    Instant now = clock.instant();
    Session session = new Session(UUID.randomUUID().toString(), connection, this, protocol,
        config, counters, now, System.nanoTime());
    sessions.add(session);
    session.subscribe(NOTIFICATIONS, true, Set.of());
    Principal principal = null;
    String failure = null;
    if (upgradeToken != null) {
      try {
        principal = protocol.verify(upgradeToken, now);
      } catch (AuthenticationException e) {
        failure = e.getMessage();
      }
    }
    session.send(ServerMessages.welcome(session.clientId(), now, principal != null,
        protocol.features()));
    if (principal != null) {
      protocol.authenticated(session, principal, now, null);
    } else if (failure != null) {
      protocol.failed(session, failure, now, null);
    }
    flushDirty();
    return session;
  }

  private void drain() {
    drainScheduled.set(false);
    Published published;
    int handled = 0;
    while (handled < BATCH && (published = inbox.poll()) != null) {
      handled++;
      try {
        fanOut(published);
      } catch (RuntimeException e) {
        // Listener isolation: one event that cannot be delivered must not stop the others.
        LOG.error("fan-out of {} (seq {}) failed", published.event().type(), published.seq(), e);
        variants.finish();
      }
    }
    flushDirty();
    if (!inbox.isEmpty() && drainScheduled.compareAndSet(false, true)) {
      loop.execute(this::drain); // yield the loop to I/O between batches
    }
  }

  /** Matches one event and writes it to every subscriber once, through its first match. */
  private void fanOut(Published published) {
    matchingSeq = published.seq();
    matched.clear();
    index.match(published.event(), collect);
    if (matched.isEmpty()) {
      return;
    }
    variants.start(published);
    boolean twoForms = variants.carriesAttributes();
    for (int i = 0; i < matched.size(); i++) {
      Session session = matched.get(i);
      if (session.fences().fencedOut(published)) {
        continue;
      }
      boolean withAttributes = !twoForms || session.matchWithAttributes;
      String topic = session.match.topic;
      session.deliver(variants.frame(topic, withAttributes), published, topic, withAttributes);
    }
    variants.finish();
    // Publish to handed to the last subscriber's connection (written, or queued if it is slow).
    fanout.recordFanout(System.nanoTime() - published.publishedNanos());
  }

  /** First match of a session wins the topic; any match wanting attributes gets them. */
  private void collect(Subscription subscription) {
    Session session = subscription.session;
    if (session.matchSeq != matchingSeq) {
      session.matchSeq = matchingSeq;
      session.match = subscription;
      session.matchWithAttributes = subscription.includeAttributes;
      matched.add(session);
    } else if (subscription.includeAttributes) {
      session.matchWithAttributes = true;
    }
  }

  void markDirty(Session session) {
    dirty.add(session);
  }

  /** Flushes every connection written since the last flush, once, and publishes the counts. */
  void flushDirty() {
    for (int i = 0; i < dirty.size(); i++) {
      dirty.get(i).flushIfDirty();
    }
    dirty.clear();
    if (sentMessages != 0) {
      counters.messagesSent.add(sentMessages);
      counters.bytesSent.add(sentBytes);
      sentMessages = 0;
      sentBytes = 0;
    }
  }

  void sent(int bytes) {
    sentMessages++;
    sentBytes += bytes;
  }

  /** Bytes of a message sent in fragments; {@code last}: the message is complete. */
  void sentBytes(int bytes, boolean last) {
    sentBytes += bytes;
    if (last) {
      sentMessages++;
    }
  }

  /** The shared keep-alive tick: pings, dead peers, token expiry for every session here. */
  public void tick() {
    long nanos = System.nanoTime();
    Instant now = clock.instant();
    for (Session session : List.copyOf(sessions)) {
      session.tick(nanos, now);
    }
    flushDirty();
  }

  /** Closes every session with 1001 (server shutting down). */
  void shutdown() {
    forEachSession(session -> session.close(CloseCode.GOING_AWAY));
  }

  /** Applies {@code action} to every open session, then flushes. */
  void forEachSession(Consumer<Session> action) {
    for (Session session : List.copyOf(sessions)) {
      action.accept(session);
    }
    flushDirty();
  }

  void removed(Session session) {
    if (sessions.remove(session)) {
      counters.disconnected();
      if (session.principal() != null) {
        counters.authenticatedClients.decrementAndGet();
      }
    }
  }

  /** A session added a subscription: it enters the index and the family mask. */
  void indexed(Subscription subscription) {
    index.add(subscription);
    familyMask = index.familyMask();
  }

  /** A session dropped a subscription: it leaves the index and the family mask. */
  void unindexed(Subscription subscription) {
    index.remove(subscription);
    familyMask = index.familyMask();
  }

  /** How many globs events have been tested against on this loop so far. */
  long globTests() {
    return index.globTests();
  }

  FrameFactory frames() {
    return frames;
  }

  /** Sends this loop's snapshots in fragments. */
  SnapshotWriter snapshots() {
    return snapshots;
  }

  Set<Session> sessions() {
    return sessions;
  }
}
