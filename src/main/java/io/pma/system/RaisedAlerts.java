package io.pma.system;

import java.util.Collections;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The performance alerts raised right now, by metric name: written by the system monitor after
 * each sample, read by the health check and the metrics gauges. Thread-safe (an unmodifiable set
 * behind a volatile field, replaced whole).
 */
public final class RaisedAlerts {
  private volatile SortedSet<String> metrics = Collections.emptySortedSet();

  void set(Set<AlertMetric> raised) {
    SortedSet<String> names = new TreeSet<>();
    raised.forEach(m -> names.add(m.wireName()));
    metrics = Collections.unmodifiableSortedSet(names);
  }

  /** Metric names in alphabetical order (unmodifiable). */
  public SortedSet<String> metrics() {
    return metrics;
  }
}
