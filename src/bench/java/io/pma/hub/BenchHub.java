package io.pma.hub;

import io.pma.auth.AuthenticationException;
import io.pma.auth.Permissions;
import io.pma.bus.MemoryBroker;
import io.pma.config.ConfigLoader;
import io.pma.config.WebsocketConfig;
import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.Json;
import io.pma.metrics.PmaMetrics;
import io.pma.registry.EntityRegistry;
import io.pma.registry.EntityStore;
import io.pma.registry.WriteBehind;
import io.pma.topic.TopicPattern;
import io.pma.transport.BenchTransport;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A real hub with one shard whose loop runs tasks at once on the caller's thread, sessions on
 * discarding connections, and subscriptions put straight into the shard's index: the fan-out path
 * without sockets, for the microbenchmarks. Single-threaded.
 */
public final class BenchHub {
  private final MemoryBroker broker;
  private final HubShard shard;
  private final List<Session> sessions = new ArrayList<>();

  public BenchHub(int sessions, boolean deflate, boolean writable) {
    Clock clock = Clock.systemUTC();
    this.broker = new MemoryBroker(clock);
    EntityRegistry registry = new EntityRegistry(broker, clock,
        new WriteBehind(new NoStore(), 3_600_000));
    WebsocketConfig config = ConfigLoader.load(null, Map.of()).websocket();
    Hub hub = new Hub(broker, registry, token -> {
      throw new AuthenticationException("bench");
    }, new Permissions(List.of()), config, new PmaMetrics(), clock);
    this.shard = hub.addShard(Runnable::run, BenchTransport.frames());
    for (int i = 0; i < sessions; i++) {
      this.sessions.add(shard.open(BenchTransport.discarding(deflate, writable), null));
    }
  }

  /** Subscribes session {@code i} to {@code topic} (as an accepted subscribe would). */
  public void subscribe(int i, String topic, boolean includeAttributes) {
    sessions.get(i).subscribe(TopicPattern.parse(topic), includeAttributes, Set.of());
  }

  /** Publishes through the broker; the shard fans it out before this returns. */
  public void publish(EntityStateChanged change) {
    broker.publish(change);
  }

  /** Queue entries held by all sessions, coalesced-away ones included (read by reflection). */
  public long queueEntriesHeld() throws ReflectiveOperationException {
    java.lang.reflect.Field queueField = Session.class.getDeclaredField("queue");
    java.lang.reflect.Field entriesField = OutboundQueue.class.getDeclaredField("entries");
    queueField.setAccessible(true);
    entriesField.setAccessible(true);
    long held = 0;
    for (Session session : sessions) {
      held += ((java.util.Collection<?>) entriesField.get(queueField.get(session))).size();
    }
    return held;
  }

  /** Messages written to connections so far. */
  public long sent() {
    long total = 0;
    for (Session session : sessions) {
      total += session.messagesSent();
    }
    return total;
  }

  public static EntityStateChanged change(String entity, long n) {
    Instant now = Instant.now();
    return new EntityStateChanged(EntityId.parse(entity), "on", "on",
        Json.object().put("t", n).put("unit", "W"), "api", now, now);
  }

  private static final class NoStore implements EntityStore {
    @Override
    public List<Entity> loadAll() {
      return List.of();
    }

    @Override
    public java.util.Map<EntityId, io.pma.domain.EntityCustomization> loadCustomizations() {
      return java.util.Map.of();
    }

    @Override
    public void write(Collection<Entity> upserts, Collection<EntityId> deletions,
        java.util.Map<EntityId, io.pma.domain.EntityCustomization> customized) {}
  }
}
