package io.pma.hub;

import io.pma.auth.Permissions;
import io.pma.auth.Principal;
import io.pma.auth.TokenVerifier;
import io.pma.bus.Broker;
import io.pma.bus.Published;
import io.pma.config.WebsocketConfig;
import io.pma.metrics.FanoutMetrics;
import io.pma.metrics.HubMeters;
import io.pma.domain.SystemStatus;
import io.pma.history.History;
import io.pma.registry.EntityRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Who is connected and subscribed, across the event loops: one {@link HubShard} per loop. It
 * listens on the broker and hands each event once to every shard with a subscriber of that family.
 * Thread-safe; per-connection work always runs on the connection's loop.
 */
public final class Hub implements HubMeters {
  private final List<HubShard> shards = new CopyOnWriteArrayList<>();
  private final ClientProtocol protocol;
  private final WebsocketConfig config;
  private final HubCounters counters;
  private final FanoutMetrics fanout;
  private final Clock clock;
  private volatile Published latestSystemStatus;

  public Hub(Broker broker, EntityRegistry registry, TokenVerifier verifier,
      Permissions permissions, WebsocketConfig config, FanoutMetrics fanout, Clock clock) {
    this(broker, registry, null, verifier, permissions, config, fanout, clock);
  }

  /** {@code history}: what the {@code history} option of subscriptions reads; null = none. */
  public Hub(Broker broker, EntityRegistry registry, History history, TokenVerifier verifier,
      Permissions permissions, WebsocketConfig config, FanoutMetrics fanout, Clock clock) {
    this.clock = clock;
    this.config = config;
    this.fanout = fanout;
    this.counters = new HubCounters(clock.instant());
    SubscriptionCommands subscriptions = new SubscriptionCommands(permissions, registry,
        config.maxSubscriptions(), config.maxGlobSubscriptions(), this::currentSystemStatus,
        new HistoryCommand(history, clock));
    this.protocol = new ClientProtocol(verifier, subscriptions,
        new ResumeCommand(broker, clock), config, clock, counters);
    broker.subscribe(this::onPublished);
  }

  /**
   * The latest {@code system_status} with the connection counts of this moment, so the one a
   * client gets when it subscribes counts that client (the report itself may predate it).
   */
  private Published currentSystemStatus() {
    Published latest = latestSystemStatus;
    if (latest == null || !(latest.event() instanceof SystemStatus status)) {
      return latest;
    }
    SystemStatus now = new SystemStatus(status.status(), status.version(), status.uptimeSeconds(),
        status.cpu(), status.memory(),
        new SystemStatus.Websocket(connectedClients(), authenticatedClients()),
        status.entities(), status.adapters(), status.database());
    return new Published(latest.seq(), now, latest.context(), latest.publishedAt(),
        latest.publishedNanos());
  }

  /** Adds the shard of one event loop; {@code loop} runs tasks on that loop in order. */
  public HubShard addShard(Executor loop, FrameFactory frames) {
    return addShard(loop, loop, frames);
  }

  /**
   * Adds the shard of one event loop; {@code afterIo} runs a task on that loop only after the loop
   * has served its sockets once more (work that yields, such as snapshots in fragments).
   */
  public HubShard addShard(Executor loop, Executor afterIo, FrameFactory frames) {
    HubShard shard = new HubShard(loop, afterIo, frames, protocol, config, counters, fanout, clock);
    shards.add(shard);
    return shard;
  }

  public void removeShard(HubShard shard) {
    shards.remove(shard);
  }

  /** Broker listener, on the publisher's thread: one hand-over per interested loop. */
  private void onPublished(Published published) {
    if (published.event() instanceof SystemStatus) {
      latestSystemStatus = published;
    }
    for (HubShard shard : shards) {
      if (shard.wants(published.event().family())) {
        shard.enqueue(published);
      }
    }
  }

  /**
   * Ends the authentication of every connection whose principal matches (token revoked, user
   * disabled or deleted): each continues anonymously, loses the topics that need a login and gets
   * {@code authentication_expired {revoked_topics}}. Completes when every loop has done it.
   */
  public CompletableFuture<Void> revoke(Predicate<Principal> which) {
    return onEveryShard(shard -> shard.forEachSession(session -> {
      if (session.principal() != null && which.test(session.principal())) {
        protocol.authenticationLapsed(session, clock.instant());
      }
    }));
  }

  /** Closes every connection with 1001; completes when the close frames are written. */
  public CompletableFuture<Void> shutdown() {
    return onEveryShard(HubShard::shutdown);
  }

  /** The stats of API.md, gathered from every loop; with {@code clients} the connection list. */
  public CompletableFuture<WebsocketStats> stats(boolean clients) {
    Map<String, Long> byTopic = new TreeMap<>();
    List<WebsocketStats.Client> list = new ArrayList<>();
    return onEveryShard(shard -> {
      ShardReport report = ShardReport.of(shard, clients);
      synchronized (byTopic) {
        report.byTopic().forEach((topic, n) -> byTopic.merge(topic, n, Long::sum));
        list.addAll(report.clients());
      }
    }).thenApply(done -> {
      synchronized (byTopic) {
        return snapshotStats(byTopic, clients ? list : null);
      }
    });
  }

  private WebsocketStats snapshotStats(Map<String, Long> byTopic,
      List<WebsocketStats.Client> clients) {
    long total = byTopic.values().stream().mapToLong(Long::longValue).sum();
    Instant now = clock.instant();
    return new WebsocketStats(counters.connectedClients.get(),
        counters.authenticatedClients.get(), counters.peakClients.get(),
        counters.totalConnections.sum(), counters.messagesSent.sum(),
        counters.messagesReceived.sum(), counters.bytesSent.sum(), counters.bytesReceived.sum(),
        counters.messagesCoalesced.sum(), counters.messagesDropped.sum(),
        counters.slowConsumerDisconnects.sum(), counters.authFailures.sum(),
        counters.invalidMessages.sum(),
        new WebsocketStats.Subscriptions(total, new TreeMap<>(byTopic)),
        Duration.between(counters.startedAt, now).toSeconds(), counters.startedAt,
        clients == null ? null : List.copyOf(clients));
  }

  /** websocket.max_connections as in force (start-up fits it to the descriptor limit). */
  public int maxConnections() {
    return config.maxConnections();
  }

  /**
   * How many globs events have been tested against on all loops so far: the work glob
   * subscriptions cost, bounded per event by {@code websocket.max_glob_subscriptions}.
   */
  public CompletableFuture<Long> globTests() {
    LongAdder total = new LongAdder();
    return onEveryShard(shard -> total.add(shard.globTests()))
        .thenApply(done -> total.sum());
  }

  /** Connections open right now (cheap; for health and system status). */
  @Override
  public int connectedClients() {
    return counters.connectedClients.get();
  }

  @Override
  public int authenticatedClients() {
    return counters.authenticatedClients.get();
  }

  @Override
  public long messagesReceived() {
    return counters.messagesReceived.sum();
  }

  @Override
  public long messagesSent() {
    return counters.messagesSent.sum();
  }

  @Override
  public long bytesSent() {
    return counters.bytesSent.sum();
  }

  @Override
  public long messagesCoalesced() {
    return counters.messagesCoalesced.sum();
  }

  @Override
  public long messagesDropped() {
    return counters.messagesDropped.sum();
  }

  @Override
  public long outboundQueueDepth() {
    return counters.queuedMessages.sum();
  }

  private CompletableFuture<Void> onEveryShard(Consumer<HubShard> action) {
    List<CompletableFuture<Void>> all = new ArrayList<>();
    for (HubShard shard : shards) {
      CompletableFuture<Void> done = new CompletableFuture<>();
      shard.execute(() -> {
        try {
          action.accept(shard);
          done.complete(null);
        } catch (RuntimeException e) {
          done.completeExceptionally(e);
        }
      });
      all.add(done);
    }
    return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
  }
}
