package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.TestServer;
import io.pma.WsTestClient;
import io.pma.domain.EntityId;
import io.pma.domain.EntityUpdate;
import io.pma.domain.Json;
import io.pma.topic.TopicFamily;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * What the resume tests on one node and across nodes share: entity changes, subscribed clients,
 * the seqs published and received, and a writer that keeps changing lights while a client
 * reconnects.
 */
final class ResumeRig {
  private ResumeRig() {}

  static void set(TestServer server, String id, String state, int level) {
    server.server().registry().apply(EntityUpdate.of(EntityId.parse(id), state,
        Json.object().put("level", level), "test", null));
  }

  static WsTestClient subscribed(TestServer server, String token, String topic) {
    WsTestClient client = WsTestClient.connect(server.wsUrl());
    client.authenticate(token);
    client.subscribe(topic);
    return client;
  }

  private static List<Long> seqs(List<JsonNode> messages) {
    return messages.stream().filter(m -> m.has("seq")).map(m -> m.get("seq").asLong()).toList();
  }

  /** Skips {@code skipped} messages and returns the next one's seq: where the client got to. */
  static long seqAfter(WsTestClient client, int skipped) {
    for (int i = 0; i < skipped; i++) {
      client.next();
    }
    return client.next().get("seq").asLong();
  }

  /** The seqs of the entity events {@code server}'s broker publishes from now on. */
  static List<Long> publishedEntitySeqs(TestServer server) {
    List<Long> published = Collections.synchronizedList(new ArrayList<>());
    server.server().broker().subscribe(p -> {
      if (p.event().family() == TopicFamily.ENTITY_UPDATES) {
        published.add(p.seq());
      }
    });
    return published;
  }

  /** What a resuming client received: its {@code resume_success}, and every other message. */
  record Resumed(JsonNode success, List<JsonNode> received) {
    List<Long> seqs() {
      return ResumeRig.seqs(received);
    }
  }

  /**
   * A new connection to {@code server} that subscribes to the lights and sends {@code resume} back
   * to back, as the guide's clients do; it reads up to resume_success and {@code more} messages
   * after it, then stops {@code writer} and reads what is left.
   */
  static Resumed resumeWhileWriting(TestServer server, String token, String resume, int more,
      Writer writer) throws InterruptedException {
    List<JsonNode> received = new ArrayList<>();
    try (WsTestClient client = WsTestClient.connect(server.wsUrl())) {
      client.authenticate(token);
      client.send(
          "{\"type\":\"subscribe\",\"data\":{\"topics\":[\"entity_updates:light.*\"]}}");
      client.send(resume);
      client.next("subscription_success");
      JsonNode success;
      while (!"resume_success".equals((success = client.next()).path("type").asText())) {
        received.add(success);
      }
      for (int i = 0; i < more; i++) {
        received.add(client.next());
      }
      writer.stop();
      received.addAll(client.untilMarker(server.server().broker()));
      return new Resumed(success, received);
    }
  }

  /**
   * Every event published after {@code lastSeq} arrived exactly once, some of them replayed, and
   * from the first replayed one on seq strictly increases across the replay/live boundary.
   */
  static void assertEveryEventOnce(Resumed resumed, List<Long> published, long lastSeq) {
    List<Long> got = resumed.seqs();
    long last = got.get(got.size() - 1);
    assertThat(got).as("every event after last_seq exactly once")
        .containsExactlyInAnyOrderElementsOf(
            published.stream().filter(s -> s > lastSeq && s <= last).toList());
    List<Long> tail = got.subList(Math.max(got.indexOf(lastSeq + 1), 0), got.size());
    for (int i = 1; i < tail.size(); i++) {
      assertThat(tail.get(i)).as("seq after %s", tail.get(i - 1)).isGreaterThan(tail.get(i - 1));
    }
    assertThat(resumed.success().at("/data/replayed").asInt()).isPositive();
  }

  /** Changes {@code light.l0}, {@code light.l1}... in turn, on a thread of its own, until stopped. */
  static final class Writer {
    private final AtomicBoolean writing = new AtomicBoolean(true);
    private final Thread thread;

    Writer(TestServer server, int lights, long pauseNanos) {
      thread = new Thread(() -> {
        for (int i = 0; writing.get(); i++) {
          set(server, "light.l" + (i % lights), i % 2 == 0 ? "on" : "off", i);
          LockSupport.parkNanos(pauseNanos);
        }
      });
      thread.start();
    }

    void stop() throws InterruptedException {
      writing.set(false);
      thread.join();
    }
  }
}
