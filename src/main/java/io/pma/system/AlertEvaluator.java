package io.pma.system;

import io.pma.config.AlertsConfig;
import io.pma.domain.PerformanceAlert;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Turns a stream of samples into alerts, with hysteresis: a metric that reaches its threshold
 * raises one {@code warning} alert and stays raised, however many samples stay high, until a
 * sample falls below {@code threshold * (1 - hysteresis)}; then one {@code resolved} alert. Pure
 * (no clock, no I/O); not thread-safe: one caller feeds it samples in order.
 */
public final class AlertEvaluator {
  public static final String WARNING = "warning";
  public static final String RESOLVED = "resolved";

  private final AlertsConfig config;
  private final EnumSet<AlertMetric> raised = EnumSet.noneOf(AlertMetric.class);

  public AlertEvaluator(AlertsConfig config) {
    this.config = config;
  }

  /** The alerts this sample raises or resolves, in {@link AlertMetric} order; usually none. */
  public List<PerformanceAlert> evaluate(PerformanceSample sample) {
    List<PerformanceAlert> alerts = new ArrayList<>();
    for (AlertMetric metric : AlertMetric.values()) {
      double threshold = metric.thresholdIn(config);
      double value = metric.valueIn(sample);
      if (threshold <= 0 || Double.isNaN(value)) {
        continue;
      }
      if (!raised.contains(metric) && value >= threshold) {
        raised.add(metric);
        alerts.add(new PerformanceAlert(metric.wireName(), value, threshold, WARNING,
            String.format(Locale.ROOT, "%s is %s%s, at or above the threshold of %s%s",
                metric.wireName(), number(value), metric.unit(), number(threshold),
                metric.unit())));
      } else if (raised.contains(metric) && value < clearBelow(threshold)) {
        raised.remove(metric);
        alerts.add(new PerformanceAlert(metric.wireName(), value, threshold, RESOLVED,
            String.format(Locale.ROOT, "%s is back to %s%s (threshold %s%s)", metric.wireName(),
                number(value), metric.unit(), number(threshold), metric.unit())));
      }
    }
    return alerts;
  }

  /** The metrics whose alert is raised now. */
  public Set<AlertMetric> raised() {
    return Set.copyOf(raised);
  }

  private double clearBelow(double threshold) {
    return threshold * (1 - config.hysteresis());
  }

  /** Whole numbers as such, others to one decimal, or three significant digits below 1. */
  private static String number(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    if (Math.abs(value) >= 1) {
      return String.format(Locale.ROOT, "%.1f", value);
    }
    return new BigDecimal(value).round(new MathContext(3)).stripTrailingZeros().toPlainString();
  }
}
