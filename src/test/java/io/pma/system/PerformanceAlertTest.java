package io.pma.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.Await;
import io.pma.BrokerEvents;
import io.pma.TestServer;
import io.pma.TestServer.Response;
import io.pma.domain.Notification;
import io.pma.domain.PerformanceAlert;
import io.pma.domain.SystemStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PerformanceAlertTest {
  /** Every alert off except those a test switches on; samples every 100 ms. */
  private static Map<String, String> alerts(String key, String threshold) {
    Map<String, String> env = new HashMap<>(Map.of("PMA_SYSTEM_SAMPLE_INTERVAL_MS", "100",
        "PMA_SYSTEM_STATUS_INTERVAL_SECONDS", "3600",
        "PMA_SYSTEM_ALERTS_HEAP_USED_PERCENT", "0",
        "PMA_SYSTEM_ALERTS_EVENT_LOOP_BLOCKED_MS", "0",
        "PMA_SYSTEM_ALERTS_FANOUT_P99_MS", "0",
        "PMA_SYSTEM_ALERTS_OUTBOUND_QUEUE_DEPTH", "0",
        "PMA_SYSTEM_ALERTS_DATABASE_WRITE_LAG_MS", "0"));
    env.put(key, threshold);
    return env;
  }

  /** Waits until the monitor has evaluated {@code count} more samples. */
  private static void awaitSamples(TestServer server, int count) {
    long target = server.server().systemMonitor().samplesTaken() + count;
    Await.until(count + " more samples",
        () -> server.server().systemMonitor().samplesTaken() >= target);
  }

  @Test
  @DisplayName("an event loop blocked past the threshold gives exactly one alert, then exactly one resolved alert")
  void blockedLoop() {
    // A threshold far above the lag a busy CI machine causes on its own (a loop kept from its
    // core for a few scheduler slices), so the one alert is the one this test causes.
    try (TestServer server = TestServer.start(
        alerts("PMA_SYSTEM_ALERTS_EVENT_LOOP_BLOCKED_MS", "1000"))) {
      BrokerEvents events = BrokerEvents.attach(server.server());
      awaitSamples(server, 3);
      // Block one loop; the probe runs on every loop, so whichever this lands on is seen.
      server.server().vertx().runOnContext(v -> {
        try {
          Thread.sleep(2500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      PerformanceAlert raised = events.await(PerformanceAlert.class,
          a -> "warning".equals(a.severity()), Await.TIMEOUT);
      assertThat(raised.metric()).isEqualTo("event_loop_blocked_ms");
      assertThat(raised.value()).isGreaterThanOrEqualTo(1000);
      assertThat(raised.threshold()).isEqualTo(1000);
      PerformanceAlert resolved = events.await(PerformanceAlert.class,
          a -> "resolved".equals(a.severity()), Await.TIMEOUT);
      assertThat(resolved.metric()).isEqualTo("event_loop_blocked_ms");
      assertThat(resolved.value()).isLessThan(800);
      awaitSamples(server, 10);
      assertThat(events.all(PerformanceAlert.class)).containsExactly(raised, resolved);
      assertThat(events.seqOf(raised)).isLessThan(events.seqOf(resolved));
      List<Notification> notes = events.awaitCount(Notification.class, 2, Await.TIMEOUT);
      assertThat(notes).extracting(Notification::title, Notification::level).containsExactly(
          org.assertj.core.groups.Tuple.tuple("Performance alert: event_loop_blocked_ms", "warning"),
          org.assertj.core.groups.Tuple.tuple("Performance alert resolved: event_loop_blocked_ms",
              "info"));
      assertThat(notes.get(0).message()).isEqualTo(raised.message());
    }
  }

  @Test
  @DisplayName("a raised alert stays one alert over many samples and shows in /health, system_status and /metrics")
  void raisedShowsEverywhere() {
    try (TestServer server = TestServer.start(
        alerts("PMA_SYSTEM_ALERTS_HEAP_USED_PERCENT", "0.001"))) {
      BrokerEvents events = BrokerEvents.attach(server.server());
      SystemStatus degraded = events.await(SystemStatus.class,
          s -> "degraded".equals(s.status()), Await.TIMEOUT);
      assertThat(degraded.adapters()).isEqualTo(Map.of("demo", "connected"));
      awaitSamples(server, 10);
      Response health = server.request("GET", "/health", null, null);
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.json().get("status").asText()).isEqualTo("degraded");
      assertThat(health.json().at("/checks/performance/status").asText()).isEqualTo("degraded");
      assertThat(health.json().at("/checks/performance/detail").asText())
          .isEqualTo("alert raised: heap_used_percent");
      assertThat(server.request("GET", "/health/ready", null, null).status()).isEqualTo(200);
      String metrics = server.request("GET", "/metrics", server.adminToken(), null).body();
      assertThat(metrics).contains(
          "pma_performance_alert_raised{metric=\"heap_used_percent\"} 1.0\n");
      assertThat(server.request("GET", "/api/v1/system/status", server.adminToken(), null)
          .json().get("status").asText()).isEqualTo("degraded");
      // The alert was raised before this test could listen: the stored notifications count it.
      // It is stored on a worker thread, unordered with the status check that said "degraded".
      Await.until("the alert's notification to be stored", () -> server.request("GET",
          "/api/v1/notifications", server.adminToken(), null).json().size() > 0);
      Response notes = server.request("GET", "/api/v1/notifications", server.adminToken(), null);
      assertThat(notes.json()).hasSize(1);
      assertThat(notes.json().get(0).get("title").asText())
          .isEqualTo("Performance alert: heap_used_percent");
      assertThat(events.all(PerformanceAlert.class)).hasSizeLessThanOrEqualTo(1);
    }
  }
}
