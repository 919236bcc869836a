package io.pma.cluster;

import io.pma.bus.Broker;
import io.pma.bus.EventCodec;
import io.pma.bus.History;
import io.pma.bus.Published;
import io.pma.bus.RemoteEntityChange;
import io.pma.config.BrokerConfig;
import io.pma.domain.AdapterStatus;
import io.pma.domain.Context;
import io.pma.domain.Entity;
import io.pma.domain.PmaEvent;
import io.pma.topic.TopicFamily;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster broker: every node appends its events to one Redis stream, which assigns the
 * cluster-wide seq, and every node reads that stream in order and delivers each entry to its
 * listeners, its own events included (one data path for one node and for many). The stream is
 * also the resume history. Entity events carry the entity after the change, which other nodes'
 * registries mirror ({@link #onRemoteEntity}). Publishing never blocks: events wait in an
 * {@link Outbox} while Redis is unreachable. Delivery runs on this broker's Vert.x context.
 */
public final class RedisBroker implements Broker {
  private static final Logger LOG = LoggerFactory.getLogger(RedisBroker.class);

  private final RedisLink link;
  private final Clock clock;
  private final BrokerConfig config;
  private final io.vertx.core.Context context;
  private final Outbox outbox;
  private final StreamPublisher publisher;
  private final StreamReader reader;
  private final List<Consumer<Published>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<RemoteEntityChange>> remoteListeners = new CopyOnWriteArrayList<>();
  private volatile long lastSeq;
  private volatile boolean started;
  private volatile long gaps;

  public RedisBroker(RedisLink link, BrokerConfig config, Clock clock) {
    this.link = link;
    this.clock = clock;
    this.config = config;
    this.context = link.vertx().getOrCreateContext();
    this.outbox = new Outbox(config.outboxSize());
    this.publisher = new StreamPublisher(link.vertx(), context, link.commands(), link.keys(),
        link.nodeId(), config.historySize(), outbox, () -> lastSeq);
    this.reader = new StreamReader(link, context, () -> lastSeq, this::deliver);
  }

  /**
   * Reads the stream's retained entries and hands their entity changes to the remote-entity
   * listeners (the registry catches up on changes its store may not hold yet), then reads on
   * from the stream's end. Fails when Redis cannot be reached.
   */
  @Override
  public CompletableFuture<Void> start() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    context.runOnContext(v -> link.commands()
        .send(Request.cmd(Command.XRANGE).arg(link.keys().events()).arg("-").arg("+"))
        .onSuccess(range -> {
          catchUp(StreamEntry.parseRange(range));
          started = true;
          reader.start();
          LOG.info("node {} joined the event stream {} at seq {}", link.nodeId(),
              link.keys().events(), lastSeq);
          done.complete(null);
        })
        .onFailure(e -> done.completeExceptionally(new IllegalStateException(
            "cannot reach Redis at " + link.url() + ": " + e.getMessage(), e))));
    return done;
  }

  private void catchUp(List<StreamEntry> entries) {
    for (StreamEntry entry : entries) {
      PmaEvent event = decode(entry);
      if (event != null && event.family() == TopicFamily.ENTITY_UPDATES) {
        notifyRemote(entry, event, contextOf(entry));
      }
      lastSeq = entry.seq();
    }
  }

  @Override
  public void publish(PmaEvent event, Context context, Entity after) {
    String entityKey = event.family() == TopicFamily.ENTITY_UPDATES ? event.key() : null;
    outbox.add(new Outbox.Outgoing(EventCodec.kind(event), clock.instant().toString(),
        EventCodec.encode(context), EventCodec.encode(event),
        after == null ? "" : EventCodec.encode(after), entityKey,
        event instanceof AdapterStatus status ? status.adapterId() : ""));
    publisher.wake();
  }

  @Override
  public void subscribe(Consumer<Published> listener) {
    listeners.add(listener);
  }

  @Override
  public void onRemoteEntity(Consumer<RemoteEntityChange> listener) {
    remoteListeners.add(listener);
  }

  /** Delivers stream entries in seq order; on the context. */
  private void deliver(List<StreamEntry> entries) {
    for (StreamEntry entry : entries) {
      if (entry.seq() <= lastSeq) {
        continue;
      }
      if (entry.seq() > lastSeq + 1) {
        gaps++;
        LOG.warn("event stream gap: seq {} to {} were trimmed before this node read them",
            lastSeq + 1, entry.seq() - 1);
      }
      PmaEvent event = decode(entry);
      if (event == null) {
        lastSeq = entry.seq();
        continue;
      }
      Context context = contextOf(entry);
      boolean entityEvent = event.family() == TopicFamily.ENTITY_UPDATES;
      if (link.nodeId().equals(entry.node())) {
        if (entityEvent) {
          outbox.sequenced(event.key());
        }
      } else if (entityEvent && !outbox.unsequenced(event.key())) {
        notifyRemote(entry, event, context);
      }
      lastSeq = entry.seq();
      Published published = new Published(entry.seq(), event, context, entry.at(),
          nanosOf(entry.at()));
      for (Consumer<Published> listener : listeners) {
        try {
          listener.accept(published);
        } catch (RuntimeException e) {
          // Listener isolation: one broken consumer must not stop delivery to the others.
          LOG.error("broker listener failed on {} (seq {})", event.type(), entry.seq(), e);
        }
      }
    }
  }

  private void notifyRemote(StreamEntry entry, PmaEvent event, Context context) {
    Entity after;
    try {
      after = entry.entity().isEmpty() ? null : EventCodec.decodeEntity(entry.entity());
    } catch (IllegalArgumentException e) {
      LOG.error("stream entry {}: {}", entry.seq(), e.getMessage());
      return;
    }
    RemoteEntityChange change = new RemoteEntityChange(entry.seq(), event, context, after);
    for (Consumer<RemoteEntityChange> listener : remoteListeners) {
      try {
        listener.accept(change);
      } catch (RuntimeException e) {
        LOG.error("remote entity listener failed on seq {}", entry.seq(), e);
      }
    }
  }

  private static PmaEvent decode(StreamEntry entry) {
    try {
      return EventCodec.decode(entry.kind(), entry.event());
    } catch (IllegalArgumentException e) {
      // An entry this version cannot read (a newer node's event kind): skipped, not fatal.
      LOG.error("stream entry {} skipped: {}", entry.seq(), e.getMessage());
      return null;
    }
  }

  /**
   * The context the publishing node gave the event. An entry without a readable one (written by an
   * older version) gets one named after its stream entry, so that every node still sees the same.
   */
  private static Context contextOf(StreamEntry entry) {
    if (!entry.context().isEmpty()) {
      try {
        return EventCodec.decodeContext(entry.context());
      } catch (IllegalArgumentException e) {
        LOG.warn("stream entry {}: {}", entry.seq(), e.getMessage());
      }
    }
    return new Context("stream-" + StreamEntry.id(entry.seq()), null, null);
  }

  /** The publish time on this JVM's nanosecond clock, for latency measurements. */
  private long nanosOf(Instant at) {
    return System.nanoTime() - Duration.between(at, clock.instant()).toNanos();
  }

  @Override
  public long lastSeq() {
    return lastSeq;
  }

  @Override
  public CompletableFuture<History> history(long afterSeq) {
    List<Request> reads = List.of(
        Request.cmd(Command.XRANGE).arg(link.keys().events()).arg("-").arg("+").arg("COUNT").arg(1),
        Request.cmd(Command.GET).arg(link.keys().seq()),
        Request.cmd(Command.XRANGE).arg(link.keys().events()).arg(StreamEntry.id(afterSeq + 1))
            .arg("+").arg("COUNT").arg(Math.max(config.historySize(), 1)));
    return link.commands().batch(reads).map(this::history).toCompletionStage()
        .toCompletableFuture();
  }

  private History history(List<Response> replies) {
    List<StreamEntry> oldest = StreamEntry.parseRange(replies.get(0));
    long last = replies.get(1) == null ? 0 : replies.get(1).toLong();
    Instant cutoff = clock.instant().minus(config.historyAge());
    long oldestSeq = oldest.isEmpty() ? last + 1 : oldest.get(0).seq();
    List<Published> events = new ArrayList<>();
    for (StreamEntry entry : StreamEntry.parseRange(replies.get(2))) {
      if (entry.at().isBefore(cutoff)) {
        oldestSeq = entry.seq() + 1; // too old for the history, though Redis still holds it
        continue;
      }
      PmaEvent event = decode(entry);
      if (event != null) {
        events.add(new Published(entry.seq(), event, contextOf(entry), entry.at(),
            nanosOf(entry.at())));
      }
    }
    // Only what Redis said in the same pipeline: this node may have delivered newer events since
    // (read after the range), and claiming those would drop them from a resuming client.
    return new History(oldestSeq, last, events);
  }

  @Override
  public boolean healthy() {
    return started && reader.connected() && !publisher.failing();
  }

  /** Events lost to trimming while this node could not read (0 in normal operation). */
  public long gaps() {
    return gaps;
  }

  /** Whether everything this node published is in the stream (for tests and shutdown). */
  public boolean drained() {
    return publisher.drained();
  }

  @Override
  public void close() {
    reader.close();
    publisher.close();
    listeners.clear();
  }
}
