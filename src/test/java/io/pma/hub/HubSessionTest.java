package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.pma.auth.AuthenticationException;
import io.pma.auth.Permissions;
import io.pma.auth.Principal;
import io.pma.auth.Role;
import io.pma.bus.MemoryBroker;
import io.pma.config.ConfigLoader;
import io.pma.config.WebsocketConfig;
import io.pma.domain.EntityId;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.Json;
import io.pma.protocol.CloseCode;
import io.pma.registry.EntityRegistry;
import io.pma.topic.TopicFamily;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The hub without a network: a real {@link Hub}, broker and protocol, one shard running its tasks
 * in the calling thread, and sessions over a {@link FakeConnection} that records what they write.
 * Checks that a session's topics, its shard's index and the shard's family mask move together.
 */
class HubSessionTest {
  private static final String TOKEN = "good-token";
  private static final Principal ALICE = new Principal("u1", "alice", Set.of(Role.USER), null,
      null, "t1");

  private final MemoryBroker broker = new MemoryBroker(Clock.systemUTC());
  private final WebsocketConfig config = ConfigLoader.load(null, Map.of()).websocket();
  private final Hub hub = new Hub(broker, new EntityRegistry(broker, Clock.systemUTC(), null),
      token -> {
        if (!token.equals(TOKEN)) {
          throw new AuthenticationException("Invalid token");
        }
        return ALICE;
      }, new Permissions(List.of()), config, nanos -> { }, Clock.systemUTC());
  private final HubShard shard = hub.addShard(Runnable::run, new FrameFactory() {
    @Override
    public Frame text(byte[] json) {
      return new TextFrame(json);
    }

    @Override
    public Frame piece(byte[] json) {
      return new TextFrame(json);
    }
  });

  @Test
  @DisplayName("a new session holds only notifications, and the shard wants only that family")
  void openHoldsNotifications() {
    Session session = open();
    assertThat(session.topics()).containsExactly("notifications");
    assertThat(shard.wants(TopicFamily.NOTIFICATIONS)).isTrue();
    assertThat(shard.wants(TopicFamily.ENTITY_UPDATES)).isFalse();
  }

  @Test
  @DisplayName("subscribe indexes the topic and sets its family; unsubscribe undoes both")
  void subscribeAndUnsubscribe() {
    FakeConnection connection = new FakeConnection();
    Session session = authenticated(connection);
    text(session, "{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:light.a\"]}}");
    assertThat(connection.lastOfType("subscription_success").path("data").path("topics"))
        .extracting(JsonNode::asText).containsExactly("entity_updates:light.a");
    assertThat(shard.wants(TopicFamily.ENTITY_UPDATES)).isTrue();

    publishChange("light.a");
    assertThat(connection.events()).extracting(e -> e.path("topic").asText())
        .containsExactly("entity_updates:light.a");

    text(session, "{\"type\":\"unsubscribe\",\"data\":{\"topics\":[\"entity_updates:light.a\"]}}");
    assertThat(session.topics()).containsExactly("notifications");
    assertThat(shard.wants(TopicFamily.ENTITY_UPDATES)).isFalse();
    publishChange("light.a");
    assertThat(connection.events()).hasSize(1);
  }

  @Test
  @DisplayName("the family stays wanted while another session still holds a topic of it")
  void familyMaskCountsEverySession() {
    Session first = authenticated(new FakeConnection());
    FakeConnection secondConnection = new FakeConnection();
    Session second = authenticated(secondConnection);
    text(first, "{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:light.a\"]}}");
    text(second, "{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:*\"]}}");
    text(first, "{\"type\":\"unsubscribe\",\"data\":{\"topics\":[\"entity_updates:light.a\"]}}");
    assertThat(shard.wants(TopicFamily.ENTITY_UPDATES)).isTrue();
    publishChange("light.a");
    assertThat(secondConnection.events()).hasSize(1);
  }

  @Test
  @DisplayName("a closed session leaves the index: no event reaches it, no family stays wanted")
  void closeDetaches() {
    FakeConnection connection = new FakeConnection();
    Session session = authenticated(connection);
    text(session, "{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:*\"]}}");
    session.close(CloseCode.GOING_AWAY);
    assertThat(connection.closedWith).isEqualTo(CloseCode.GOING_AWAY);
    assertThat(shard.wants(TopicFamily.ENTITY_UPDATES)).isFalse();
    assertThat(shard.wants(TopicFamily.NOTIFICATIONS)).isFalse();
    publishChange("light.a");
    assertThat(connection.events()).isEmpty();

    // What a closing client still sends cannot put it back into the index.
    text(session, "{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:*\"]}}");
    assertThat(shard.wants(TopicFamily.ENTITY_UPDATES)).isFalse();
    session.onClosed();
    assertThat(shard.sessions()).isEmpty();
  }

  @Test
  @DisplayName("a revoked login drops the topics it needed from the index; a new login restores"
      + " them")
  void revokeAndRestore() {
    FakeConnection connection = new FakeConnection();
    Session session = authenticated(connection);
    text(session, "{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:light.a\"]}}");

    hub.revoke(principal -> true).join();
    assertThat(connection.lastOfType("authentication_expired").path("data")
        .path("revoked_topics")).extracting(JsonNode::asText)
        .containsExactly("entity_updates:light.a");
    assertThat(session.topics()).containsExactly("notifications");
    assertThat(shard.wants(TopicFamily.ENTITY_UPDATES)).isFalse();
    publishChange("light.a");
    assertThat(connection.events()).isEmpty();

    text(session, "{\"type\":\"authenticate\",\"data\":{\"token\":\"" + TOKEN + "\"}}");
    assertThat(session.topics()).containsExactly("notifications", "entity_updates:light.a");
    assertThat(shard.wants(TopicFamily.ENTITY_UPDATES)).isTrue();
    publishChange("light.a");
    assertThat(connection.events()).hasSize(1);
  }

  @Test
  @DisplayName("past max_subscriptions a topic is refused and never indexed")
  void limitKeepsIndexInStep() {
    FakeConnection connection = new FakeConnection();
    Session session = authenticated(connection);
    List<String> topics = new ArrayList<>();
    for (int i = 0; i < config.maxSubscriptions(); i++) {
      topics.add("\"entity_updates:sensor.s" + i + "\"");
    }
    text(session, "{\"type\":\"subscribe\",\"data\":{\"topics\":[" + String.join(",", topics)
        + "]}}");
    // notifications plus max_subscriptions - 1 of them fit
    assertThat(session.subscriptionCount()).isEqualTo(config.maxSubscriptions());
    assertThat(connection.lastOfType("subscription_failure").path("data").path("topics"))
        .hasSize(1);
    String refused = "sensor.s" + (config.maxSubscriptions() - 1);
    publishChange(refused);
    assertThat(connection.events()).isEmpty();
    publishChange("sensor.s0");
    assertThat(connection.events()).hasSize(1);
  }

  private Session open() {
    return shard.open(new FakeConnection(), null);
  }

  private Session authenticated(FakeConnection connection) {
    Session session = shard.open(connection, TOKEN);
    assertThat(connection.lastOfType("authentication_success").isMissingNode()).isFalse();
    return session;
  }

  private static void text(Session session, String json) {
    session.onText(json.getBytes(StandardCharsets.UTF_8));
  }

  private void publishChange(String entityId) {
    broker.publish(new EntityStateChanged(EntityId.parse(entityId), "off", "on", Json.object(),
        "api", Instant.EPOCH, Instant.EPOCH));
  }

  /** A frame holding plain JSON text. */
  private record TextFrame(byte[] json) implements Frame {
    @Override
    public Frame retain() {
      return this;
    }

    @Override
    public void release() {
    }

    @Override
    public int size() {
      return json.length;
    }
  }

  /** A connection that is always writable and records every frame written to it. */
  private static final class FakeConnection implements Connection {
    final List<JsonNode> written = new ArrayList<>();
    /** The fragments of a message in progress, joined at its last. */
    private final java.io.ByteArrayOutputStream fragments = new java.io.ByteArrayOutputStream();
    CloseCode closedWith;

    @Override
    public void write(Frame frame) {
      record(((TextFrame) frame).json());
    }

    @Override
    public void writeFragment(List<Frame> pieces, boolean first, boolean last) {
      pieces.forEach(piece -> fragments.writeBytes(((TextFrame) piece).json()));
      if (last) {
        record(fragments.toByteArray());
        fragments.reset();
      }
    }

    private void record(byte[] json) {
      try {
        written.add(Json.MAPPER.readTree(json));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void flush() {
    }

    @Override
    public boolean writable() {
      return closedWith == null;
    }

    @Override
    public void ping() {
    }

    @Override
    public void close(CloseCode code) {
      closedWith = code;
    }

    @Override
    public void abort(CloseCode code) {
      closedWith = code;
    }

    @Override
    public String remoteAddress() {
      return "127.0.0.1:1";
    }

    List<JsonNode> events() {
      return written.stream().filter(m -> m.has("topic")).toList();
    }

    JsonNode lastOfType(String type) {
      for (int i = written.size() - 1; i >= 0; i--) {
        if (written.get(i).path("type").asText().equals(type)) {
          return written.get(i);
        }
      }
      return MissingNode.getInstance();
    }
  }
}
