package io.pma.bench;

import java.util.Arrays;
import java.util.Map;

/**
 * The parameters of one run. The presets are the scenarios of docs/PERFORMANCE.md; every field
 * can be overridden on the command line ({@code --clients 500 --rates 100,200 ...}).
 *
 * @param topicsPerClient 0: every client subscribes to {@code entity_updates} (all entities);
 *     otherwise to that many distinct {@code entity_updates:<id>} topics chosen at random
 * @param rates events per second; one step each (several: a ramp that stops at the first rate
 *     that is not sustained); empty: idle connections only
 */
record Scenario(String name, int clients, int entities, int topicsPerClient, double[] rates,
    boolean deflate, int stalled, double warmupSeconds, double stepSeconds, int probeEvery,
    int clientThreads, int injectorConnections, int maxInFlight, int connectConcurrency) {

  static Scenario preset(String name) {
    double[] ramp = {1000, 1250, 1500, 1750, 2000, 2500, 3000, 3500, 4000};
    switch (name) {
      case "a":
        return base(name, 1000, 1000, 0, new double[] {1000}, false, 0);
      case "l":
        return base(name, 1000, 1000, 0, new double[] {100}, false, 0);
      case "b":
        return base(name, 1000, 1000, 0, ramp, false, 0);
      case "c":
        return base(name, 10_000, 1, 1, new double[0], false, 0);
      case "d":
        // Every client counts frames; one in ten inflates them to read the latency.
        return base(name, 1000, 1000, 0, ramp, true, 0).with(Map.of("probe-every", "10"));
      case "e":
        return base(name, 1000, 10_000, 20, new double[] {10_000}, false, 0);
      case "f":
        // 40 s: the stalled client must first fill the kernel's socket buffers (megabytes on
        // loopback) before the server's queue for it grows to the hard limit (4008).
        return base(name, 1000, 10_000, 0, new double[] {1000}, false, 1)
            .with(Map.of("seconds", "40"));
      case "g":
        // The large home (LargeHome): 15,000 entities, 1,000 clients reconnecting at once.
        return base(name, 1000, 15_000, 0, new double[0], false, 0);
      default:
        throw new IllegalArgumentException("unknown scenario '" + name
            + "' (a, l, b, c, d, e, f, g)");
    }
  }

  private static Scenario base(String name, int clients, int entities, int topics,
      double[] rates, boolean deflate, int stalled) {
    return new Scenario(name, clients, entities, topics, rates, deflate, stalled, 15, 10, 1, 1, 4,
        256, 256);
  }

  /** This scenario with the {@code --key value} options applied. */
  Scenario with(Map<String, String> o) {
    return new Scenario(name, integer(o, "clients", clients), integer(o, "entities", entities),
        integer(o, "topics-per-client", topicsPerClient),
        o.containsKey("rates") ? Arrays.stream(o.get("rates").split(","))
            .mapToDouble(Double::parseDouble).toArray() : rates,
        o.containsKey("deflate") ? Boolean.parseBoolean(o.get("deflate")) : deflate,
        integer(o, "stalled", stalled), decimal(o, "warmup", warmupSeconds),
        decimal(o, "seconds", stepSeconds), integer(o, "probe-every", probeEvery),
        integer(o, "client-threads", clientThreads),
        integer(o, "injector-connections", injectorConnections),
        integer(o, "max-in-flight", maxInFlight),
        integer(o, "connect-concurrency", connectConcurrency));
  }

  boolean idle() {
    return rates.length == 0;
  }

  boolean ramp() {
    return rates.length > 1;
  }

  private static int integer(Map<String, String> o, String key, int fallback) {
    return o.containsKey(key) ? Integer.parseInt(o.get(key)) : fallback;
  }

  private static double decimal(Map<String, String> o, String key, double fallback) {
    return o.containsKey(key) ? Double.parseDouble(o.get(key)) : fallback;
  }
}
