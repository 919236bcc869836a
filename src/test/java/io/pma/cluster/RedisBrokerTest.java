package io.pma.cluster;

import io.pma.Await;
import static org.assertj.core.api.Assertions.assertThat;

import io.pma.LocalPorts;
import io.pma.bus.History;
import io.pma.bus.Published;
import io.pma.bus.RemoteEntityChange;
import io.pma.config.BrokerConfig;
import io.pma.domain.Context;
import io.pma.domain.Entity;
import io.pma.domain.EntityAdded;
import io.pma.domain.EntityId;
import io.pma.domain.EntityRemoved;
import io.pma.domain.Json;
import io.pma.domain.Notification;
import io.vertx.core.Vertx;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class RedisBrokerTest {
  private final RedisProcess redis = RedisProcess.start();
  private final Vertx vertx = Vertx.vertx();
  private final List<AutoCloseable> closing = new ArrayList<>();

  @AfterEach
  void stop() throws Exception {
    Collections.reverse(closing);
    for (AutoCloseable c : closing) {
      c.close();
    }
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    redis.close();
  }

  private Node node(String id) {
    BrokerConfig config = new BrokerConfig("redis", 1000, 600, redis.url(), "t", id, 1000, 5000,
        10000);
    RedisLink link = new RedisLink(vertx, config);
    RedisBroker broker = new RedisBroker(link, config, Clock.systemUTC());
    Node node = new Node(broker, Collections.synchronizedList(new ArrayList<>()),
        Collections.synchronizedList(new ArrayList<>()));
    broker.subscribe(node.delivered::add);
    broker.onRemoteEntity(node.remote::add);
    broker.start().join();
    closing.add(link);
    closing.add(broker);
    return node;
  }

  record Node(RedisBroker broker, List<Published> delivered, List<RemoteEntityChange> remote) {
    List<Long> seqs() {
      synchronized (delivered) {
        return delivered.stream().map(Published::seq).toList();
      }
    }
  }

  private static Notification note(String id) {
    return new Notification(id, "t", "m", "info", "test", null, Instant.now());
  }

  /** Publishes {@code count} notes on {@code node}, numbered after {@code prefix} from 0. */
  private static void publishNotes(Node node, String prefix, int count) {
    for (int i = 0; i < count; i++) {
      node.broker().publish(note(prefix + i));
    }
  }

  @Test
  @DisplayName("events published on two nodes reach both in one order with seq 1..n, own included")
  void oneOrderForAll() {
    Node a = node("a");
    Node b = node("b");
    for (int i = 0; i < 200; i++) {
      a.broker().publish(note("a" + i));
      b.broker().publish(note("b" + i));
    }
    Await.until("400 events on both", () -> a.delivered().size() == 400 && b.delivered().size() == 400);
    assertThat(a.seqs()).containsExactlyElementsOf(LongStream.rangeClosed(1, 400).boxed().toList());
    assertThat(b.seqs()).isEqualTo(a.seqs());
    List<String> orderOnA = a.delivered().stream().map(p -> ((Notification) p.event()).id()).toList();
    List<String> orderOnB = b.delivered().stream().map(p -> ((Notification) p.event()).id()).toList();
    assertThat(orderOnB).isEqualTo(orderOnA);
    // Each node's own events keep their publish order.
    assertThat(orderOnA.stream().filter(id -> id.startsWith("a")).toList())
        .isEqualTo(LongStream.range(0, 200).mapToObj(i -> "a" + i).toList());
    assertThat(a.broker().lastSeq()).isEqualTo(400);
  }

  @Test
  @DisplayName("the stream is the history: any node reads what any node published, bounded by age")
  void historyAcrossNodes() {
    Node a = node("a");
    Node b = node("b");
    publishNotes(a, "a", 10);
    Await.until("10 events on b", () -> b.delivered().size() == 10);
    History history = b.broker().history(6).join();
    assertThat(history.events()).extracting(Published::seq).containsExactly(7L, 8L, 9L, 10L);
    assertThat(history.events().get(0).event()).isEqualTo(a.delivered().get(6).event());
    assertThat(history.oldestSeq()).isEqualTo(1);
    assertThat(history.lastSeq()).isEqualTo(10);
    assertThat(history.reaches(0)).isTrue();
    assertThat(history.reaches(11)).isFalse();
  }

  @Test
  @DisplayName("entity changes of other nodes reach the remote listener with the entity; own ones do not")
  void remoteEntityChanges() {
    Node a = node("a");
    Node b = node("b");
    EntityId lamp = EntityId.parse("light.lamp");
    Entity entity = new Entity(lamp, "Lamp", "on", Json.object().put("x", 1), "api", "demo",
        null, true, Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"),
        "01JZ0000000000000000000000");
    a.broker().publish(new EntityAdded(lamp, entity), Context.fresh(), entity);
    a.broker().publish(new EntityRemoved(lamp, "api"), Context.fresh(), null);
    Await.until("remote changes on b", () -> b.remote().size() == 2 && a.delivered().size() == 2);
    assertThat(b.remote().get(0).after()).isEqualTo(entity);
    assertThat(b.remote().get(0).seq()).isEqualTo(1);
    assertThat(b.remote().get(1).after()).isNull();
    assertThat(a.remote()).isEmpty();
  }

  @Test
  @DisplayName("a node that joins late catches up on retained entity changes before it delivers")
  void lateJoinerCatchesUp() {
    Node a = node("a");
    EntityId lamp = EntityId.parse("light.lamp");
    Entity entity = new Entity(lamp, "Lamp", "on", Json.object(), "api", "demo", null, true,
        Instant.parse("2026-01-01T00:00:00Z"), Instant.parse("2026-01-01T00:00:00Z"), null);
    a.broker().publish(new EntityAdded(lamp, entity), Context.fresh(), entity);
    a.broker().publish(note("n"));
    Await.until("2 events on a", () -> a.delivered().size() == 2);
    Node late = node("late");
    assertThat(late.remote()).extracting(RemoteEntityChange::after).containsExactly(entity);
    assertThat(late.delivered()).isEmpty();
    assertThat(late.broker().lastSeq()).isEqualTo(2);
    a.broker().publish(note("after"));
    Await.until("the next event on the late node", () -> late.delivered().size() == 1);
    assertThat(late.seqs()).containsExactly(3L);
  }

  @Test
  @DisplayName("while Redis is down the node says unhealthy and keeps its events; then both catch up in order")
  void redisOutage() {
    Node a = node("a");
    Node b = node("b");
    a.broker().publish(note("before"));
    Await.until("first event", () -> b.delivered().size() == 1);
    redis.kill();
    Await.until("both unhealthy", () -> !a.broker().healthy() && !b.broker().healthy());
    publishNotes(a, "during", 50);
    redis.launch();
    Await.until("both healthy again", () -> a.broker().healthy() && b.broker().healthy());
    Await.until("51 events on both", () -> a.delivered().size() == 51 && b.delivered().size() == 51);
    assertThat(b.seqs()).containsExactlyElementsOf(LongStream.rangeClosed(1, 51).boxed().toList());
    assertThat(b.delivered().stream().skip(1).map(p -> ((Notification) p.event()).id()).toList())
        .isEqualTo(LongStream.range(0, 50).mapToObj(i -> "during" + i).toList());
    assertThat(a.broker().gaps()).isZero();
  }

  @Test
  @DisplayName("a Redis that lost its data does not restart seq below what the nodes delivered")
  void redisLostItsData() throws Exception {
    Node a = node("a");
    Node b = node("b");
    publishNotes(a, "before", 5);
    Await.until("5 events on both", () -> a.delivered().size() == 5 && b.delivered().size() == 5);
    io.vertx.redis.client.Redis raw = io.vertx.redis.client.Redis.createClient(vertx, redis.url());
    raw.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.FLUSHALL))
        .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    raw.close();
    publishNotes(b, "after", 3);
    Await.until("8 events on both", () -> a.delivered().size() == 8 && b.delivered().size() == 8);
    assertThat(a.seqs()).containsExactlyElementsOf(LongStream.rangeClosed(1, 8).boxed().toList());
    assertThat(b.seqs()).isEqualTo(a.seqs());
  }

  @Test
  @DisplayName("an unreachable Redis fails the start with a message naming it")
  void unreachableAtStart() throws Exception {
    int port = LocalPorts.free();
    BrokerConfig config = new BrokerConfig("redis", 1000, 600, "redis://127.0.0.1:" + port, "t",
        "x", 1000, 5000, 10000);
    RedisLink link = new RedisLink(vertx, config);
    closing.add(link);
    RedisBroker broker = new RedisBroker(link, config, Clock.systemUTC());
    assertThat(broker.start()).failsWithin(Duration.ofSeconds(10))
        .withThrowableThat().withMessageContaining("cannot reach Redis at redis://127.0.0.1:" + port);
  }
}
