package io.pma.bench;

import java.util.Locale;
import org.HdrHistogram.Histogram;

/** The numbers of one measured step, and its line in the Markdown table. */
record StepResult(String scenario, int subscribers, double targetRate, double sentRate,
    double deliveriesPerSecond, long delivered, long expected, Histogram latencyMicros,
    double serverCpuPercent, double generatorCpuPercent, double serverCpuSeconds,
    long serverRssKib, double bytesPerMessage,
    ServerApi.Stats stats, long coalesced, long dropped, long slowConsumerDisconnects) {

  static String header() {
    return "| scen | subs | target ev/s | sent ev/s | deliveries/s | delivered/expected | p50 ms"
        + " | p99 ms | p99.9 ms | max ms | srv CPU | gen CPU | srv µs/delivery | srv RSS MiB | B/msg"
        + " | queue max"
        + " | coalesced | dropped | 4008 |\n"
        + "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|";
  }

  String row() {
    return String.format(Locale.ROOT,
        "| %s | %d | %.0f | %.0f | %,.0f | %.4f | %s | %s | %s | %s | %.0f%% | %.0f%% | %.2f | %d"
            + " | %.0f"
            + " | %d | %d | %d | %d |",
        scenario, subscribers, targetRate, sentRate, deliveriesPerSecond, ratio(),
        ms(50), ms(99), ms(99.9), max(), serverCpuPercent, generatorCpuPercent,
        delivered == 0 ? 0 : serverCpuSeconds * 1e6 / delivered, serverRssKib / 1024, bytesPerMessage, stats.queueDepthMax(), coalesced, dropped,
        slowConsumerDisconnects);
  }

  double ratio() {
    return expected == 0 ? 1 : (double) delivered / expected;
  }

  /**
   * Bounded (the "sustainable with bounded queues"): the injector reached the rate,
   * (nearly) everything arrived, nothing was coalesced or dropped, and the queues drained.
   */
  boolean bounded() {
    return sentRate >= 0.97 * targetRate && ratio() >= 0.999 && coalesced == 0 && dropped == 0
        && stats.queueDepthMax() < 16;
  }

  /** Sustained: bounded, and p99 stayed under 50 ms. */
  boolean sustained() {
    return bounded() && latencyMicros.getValueAtPercentile(99) <= 50_000;
  }

  double p99Millis() {
    return latencyMicros.getValueAtPercentile(99) / 1000.0;
  }

  private String ms(double percentile) {
    return latencyMicros.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f",
        latencyMicros.getValueAtPercentile(percentile) / 1000.0);
  }

  private String max() {
    return latencyMicros.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f",
        latencyMicros.getMaxValue() / 1000.0);
  }
}
