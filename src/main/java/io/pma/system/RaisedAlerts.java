package io.pma.system;

import java.util.Set;
import java.util.TreeSet;

/**
 * The performance alerts raised right now, by metric name: written by the system monitor after
 * each sample, read by the health check. Thread-safe (an immutable set behind a volatile field).
 */
public final class RaisedAlerts {
  private volatile Set<String> metrics = Set.of();

  void set(Set<AlertMetric> raised) {
    Set<String> names = new TreeSet<>();
    raised.forEach(m -> names.add(m.wireName()));
    metrics = Set.copyOf(names);
  }

  /** Metric names in alphabetical order (a copy). */
  public Set<String> metrics() {
    return new TreeSet<>(metrics);
  }
}
