package io.pma.system;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.config.AlertsConfig;
import io.pma.domain.PerformanceAlert;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {
  /** Thresholds: heap 90 %, loop 500 ms, fan-out 250 ms, queue 1000, write lag 5000 ms; 20 %. */
  private static final AlertsConfig CONFIG = new AlertsConfig(90, 500, 250, 1000, 5000, 0.2);

  private static PerformanceSample heap(double percent) {
    return new PerformanceSample(percent, 0, 0, 0, 0);
  }

  @Test
  @DisplayName("a crossing raises one warning however long it lasts, and one resolved when it clears")
  void oncePerCrossing() {
    AlertEvaluator evaluator = new AlertEvaluator(CONFIG);
    assertThat(evaluator.evaluate(heap(50))).isEmpty();
    assertThat(evaluator.evaluate(heap(95))).containsExactly(new PerformanceAlert(
        "heap_used_percent", 95, 90, "warning",
        "heap_used_percent is 95%, at or above the threshold of 90%"));
    assertThat(evaluator.evaluate(heap(97))).isEmpty();
    assertThat(evaluator.evaluate(heap(99.5))).isEmpty();
    assertThat(evaluator.raised()).containsExactly(AlertMetric.HEAP_USED_PERCENT);
    assertThat(evaluator.evaluate(heap(40.25))).containsExactly(new PerformanceAlert(
        "heap_used_percent", 40.25, 90, "resolved",
        "heap_used_percent is back to 40.3% (threshold 90%)"));
    assertThat(evaluator.evaluate(heap(40))).isEmpty();
    assertThat(evaluator.raised()).isEmpty();
  }

  @Test
  @DisplayName("a value hovering around the threshold stays raised until it falls below threshold × (1 − hysteresis)")
  void hysteresis() {
    AlertEvaluator evaluator = new AlertEvaluator(CONFIG);
    assertThat(evaluator.evaluate(heap(90))).extracting(PerformanceAlert::severity)
        .containsExactly("warning");
    for (double value : new double[] {89, 91, 85, 90.5, 72, 88, 95}) {
      assertThat(evaluator.evaluate(heap(value))).as("at %s", value).isEmpty();
    }
    assertThat(evaluator.evaluate(heap(71.9))).extracting(PerformanceAlert::severity)
        .containsExactly("resolved");
    assertThat(evaluator.evaluate(heap(80))).isEmpty();
    assertThat(evaluator.evaluate(heap(91))).extracting(PerformanceAlert::severity)
        .containsExactly("warning");
  }

  @Test
  @DisplayName("each metric has its own state; alerts come in metric order with value and threshold")
  void independentMetrics() {
    AlertEvaluator evaluator = new AlertEvaluator(CONFIG);
    List<PerformanceAlert> first = evaluator.evaluate(new PerformanceSample(10, 800, 300, 5, 6000));
    assertThat(first).extracting(PerformanceAlert::metric).containsExactly(
        "event_loop_blocked_ms", "fanout_p99_ms", "database_write_lag_ms");
    assertThat(first.get(0).value()).isEqualTo(800);
    assertThat(first.get(0).threshold()).isEqualTo(500);
    assertThat(first.get(0).message())
        .isEqualTo("event_loop_blocked_ms is 800 ms, at or above the threshold of 500 ms");
    List<PerformanceAlert> second = evaluator.evaluate(new PerformanceSample(10, 20, 300, 2000, 0));
    assertThat(second).extracting(PerformanceAlert::metric, PerformanceAlert::severity)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("event_loop_blocked_ms", "resolved"),
            org.assertj.core.groups.Tuple.tuple("outbound_queue_depth", "warning"),
            org.assertj.core.groups.Tuple.tuple("database_write_lag_ms", "resolved"));
    assertThat(evaluator.raised()).containsExactlyInAnyOrder(AlertMetric.FANOUT_P99_MS,
        AlertMetric.OUTBOUND_QUEUE_DEPTH);
  }

  @Test
  @DisplayName("a threshold of 0 switches its alert off; an unknown (NaN) value changes nothing")
  void offAndUnknown() {
    AlertEvaluator evaluator = new AlertEvaluator(new AlertsConfig(0, 500, 0, 0, 0, 0));
    assertThat(evaluator.evaluate(new PerformanceSample(100, 0, 1e9, 1e9, 1e9))).isEmpty();
    assertThat(evaluator.evaluate(new PerformanceSample(0, 600, 0, 0, 0))).hasSize(1);
    assertThat(evaluator.evaluate(new PerformanceSample(0, Double.NaN, 0, 0, 0))).isEmpty();
    assertThat(evaluator.raised()).containsExactly(AlertMetric.EVENT_LOOP_BLOCKED_MS);
    assertThat(evaluator.evaluate(new PerformanceSample(0, 499, 0, 0, 0)))
        .extracting(PerformanceAlert::severity).containsExactly("resolved");
  }
}
