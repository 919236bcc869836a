package io.pma.hub;

import static io.pma.hub.ResumeRig.assertEveryEventOnce;
import static io.pma.hub.ResumeRig.publishedEntitySeqs;
import static io.pma.hub.ResumeRig.resumeWhileWriting;
import static io.pma.hub.ResumeRig.seqAfter;
import static io.pma.hub.ResumeRig.set;
import static io.pma.hub.ResumeRig.subscribed;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.TestServer;
import io.pma.WsTestClient;
import io.pma.domain.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Resume after a reconnect on one node (PROTOCOL.md section 8). */
class WebSocketResumeTest {
  static String resume(long lastSeq) {
    return "{\"type\":\"resume\",\"request_id\":\"r1\",\"data\":{\"last_seq\":" + lastSeq + "}}";
  }

  @Test
  @DisplayName("a client that reconnects gets exactly the matching events it missed, then resume_success, then live ones")
  void replaysWhatWasMissed() {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_ENABLED", "false"))) {
      String token = TestTokens.user(server, "resumer");
      long lastSeq;
      try (WsTestClient first = subscribed(server, token, "entity_updates:light.*")) {
        set(server, "light.a", "on", 1);
        lastSeq = first.next("pma_entity_added").get("seq").asLong();
      }
      set(server, "light.a", "off", 2);
      set(server, "switch.other", "on", 3);
      set(server, "light.b", "on", 4);
      try (WsTestClient second = subscribed(server, token, "entity_updates:light.*")) {
        second.send(resume(lastSeq));
        JsonNode changed = second.next("pma_entity_state_changed");
        assertThat(changed.get("seq").asLong()).isEqualTo(lastSeq + 1);
        assertThat(changed.get("topic").asText()).isEqualTo("entity_updates:light.*");
        assertThat(changed.at("/data/new_state").asText()).isEqualTo("off");
        JsonNode added = second.next("pma_entity_added");
        assertThat(added.get("seq").asLong()).isEqualTo(lastSeq + 3);
        JsonNode done = second.next("resume_success");
        assertThat(done.get("request_id").asText()).isEqualTo("r1");
        assertThat(done.get("data").toString()).isEqualTo(Json.object()
            .put("from_seq", lastSeq + 1).put("to_seq", lastSeq + 3).put("replayed", 2).toString());
        set(server, "light.b", "off", 5);
        assertThat(second.next("pma_entity_state_changed").get("seq").asLong())
            .isEqualTo(lastSeq + 4);
      }
    }
  }

  @Test
  @DisplayName("with a writer running all along, replay and live events add up to every event once, in seq order")
  void concurrentWriter() throws Exception {
    // Queues far beyond what the writer can fill: a client kept from reading for a moment on a
    // busy machine must not be coalesced (or closed), which would rightly merge events this test
    // counts one by one. Backpressure has its own test.
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_ENABLED", "false",
        "PMA_WEBSOCKET_QUEUE_SOFT_LIMIT", "1000000", "PMA_WEBSOCKET_QUEUE_HARD_LIMIT", "2000000"))) {
      String token = TestTokens.user(server, "busy");
      List<Long> published = publishedEntitySeqs(server);
      // About 2,000 changes a second: busy, but within what one test client reads.
      ResumeRig.Writer writer = new ResumeRig.Writer(server, 5, 500_000);
      long lastSeq;
      try (WsTestClient first = subscribed(server, token, "entity_updates:light.*")) {
        lastSeq = seqAfter(first, 50);
      }
      ResumeRig.Resumed second = resumeWhileWriting(server, token, resume(lastSeq), 200, writer);
      assertThat(second.success().at("/data/from_seq").asLong()).isEqualTo(lastSeq + 1);
      assertThat(second.success().at("/data/to_seq").asLong()).isGreaterThan(lastSeq);
      assertEveryEventOnce(second, published, lastSeq);
    }
  }

  @Test
  @DisplayName("a last_seq the history no longer reaches gets resume_failure with the oldest seq kept")
  void historyExpired() {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_ENABLED", "false",
        "PMA_BROKER_HISTORY_SIZE", "5"))) {
      String token = TestTokens.user(server, "late");
      for (int i = 0; i < 20; i++) {
        set(server, "light.x", i % 2 == 0 ? "on" : "off", i);
      }
      long lastSeq = server.server().broker().lastSeq();
      try (WsTestClient client = subscribed(server, token, "entity_updates")) {
        client.send(resume(lastSeq - 10));
        JsonNode failure = client.next("resume_failure");
        assertThat(failure.get("data").toString()).isEqualTo(Json.object()
            .put("error", "history expired").put("oldest_seq", lastSeq - 4).toString());
        assertThat(failure.get("request_id").asText()).isEqualTo("r1");
        client.send(resume(lastSeq - 5));
        assertThat(client.next("pma_entity_state_changed").get("seq").asLong())
            .isEqualTo(lastSeq - 4);
        client.nextOf("resume_success");
        client.send(resume(lastSeq + 100));
        assertThat(client.next("resume_failure").at("/data/error").asText())
            .isEqualTo("history expired");
      }
    }
  }

  @Test
  @DisplayName("events the connection already received live are not sent again by the replay")
  void noDuplicateOfLiveEvents() {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_ENABLED", "false"))) {
      String token = TestTokens.user(server, "dup");
      set(server, "light.a", "on", 1);
      long lastSeq = server.server().broker().lastSeq();
      set(server, "light.a", "off", 2);
      try (WsTestClient client = subscribed(server, token, "entity_updates")) {
        set(server, "light.a", "on", 3);
        long live = client.next("pma_entity_state_changed").get("seq").asLong();
        client.send(resume(lastSeq));
        JsonNode replayed = client.next("pma_entity_state_changed");
        assertThat(replayed.get("seq").asLong()).isEqualTo(lastSeq + 1);
        JsonNode done = client.next("resume_success");
        assertThat(done.at("/data/replayed").asInt()).isEqualTo(1);
        assertThat(done.at("/data/to_seq").asLong()).isEqualTo(live);
        assertThat(client.untilPong()).isEmpty();
      }
    }
  }

  @Test
  @DisplayName("a long replay (more than the outbound queue holds) arrives whole and in order")
  void longReplay() {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_ENABLED", "false"))) {
      String token = TestTokens.user(server, "long");
      long lastSeq = server.server().broker().lastSeq();
      for (int i = 0; i < 9000; i++) {
        set(server, "light.l" + (i % 500), i % 2 == 0 ? "on" : "off", i);
      }
      long end = server.server().broker().lastSeq();
      try (WsTestClient client = subscribed(server, token, "entity_updates")) {
        client.send(resume(lastSeq));
        long previous = lastSeq;
        int replayed = 0;
        JsonNode message;
        while (!"resume_success".equals((message = client.next()).path("type").asText())) {
          assertThat(message.get("seq").asLong()).isGreaterThan(previous);
          previous = message.get("seq").asLong();
          replayed++;
        }
        assertThat(previous).isEqualTo(end);
        assertThat(message.at("/data/replayed").asInt()).isEqualTo(replayed);
        assertThat(replayed).isEqualTo(9000);
      }
    }
  }

  @Test
  @DisplayName("a resume without a valid last_seq is answered with invalid_message")
  void badResume() {
    try (TestServer server = TestServer.start(Map.of("PMA_DEMO_ENABLED", "false"))) {
      try (WsTestClient client = WsTestClient.connect(server.wsUrl())) {
        for (String data : List.of("{}", "{\"last_seq\":-1}", "{\"last_seq\":\"5\"}",
            "{\"last_seq\":1.5}")) {
          client.send("{\"type\":\"resume\",\"data\":" + data + "}");
          JsonNode invalid = client.next("invalid_message");
          assertThat(invalid.get("data")).isEqualTo(Json.object().put("error", "invalid data")
              .put("detail", "data.last_seq must be a whole number >= 0"));
        }
      }
    }
  }
}
