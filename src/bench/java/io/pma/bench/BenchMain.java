package io.pma.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Command line of the load generator, normally started by {@code bench/run.sh}:
 * {@code BenchMain SCENARIO --port P --server-pid PID --password PW [--option value ...]}.
 */
public final class BenchMain {
  private BenchMain() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      System.err.println("usage: BenchMain a|l|b|c|d|e|f|g --port P --server-pid PID --password PW"
          + " [--clients N --rates R1,R2 --seconds S --warmup S --entities N ...]");
      System.exit(2);
    }
    Map<String, String> options = options(args);
    Scenario scenario = Scenario.preset(args[0]).with(options);
    Runner.Target target = new Runner.Target(options.getOrDefault("host", "127.0.0.1"),
        Integer.parseInt(required(options, "port")),
        Long.parseLong(required(options, "server-pid")), options.getOrDefault("user", "admin"),
        required(options, "password"));
    System.out.printf(Locale.ROOT, "scenario %s: %d subscribers (+%d stalled), %d entities, %s,"
            + " rates %s ev/s, %s s per step, deflate %s; %s, load average %s%n",
        scenario.name(), scenario.clients(), scenario.stalled(), scenario.entities(),
        scenario.topicsPerClient() == 0 ? "each subscribed to entity_updates"
            : "each subscribed to " + scenario.topicsPerClient() + " entities",
        java.util.Arrays.toString(scenario.rates()), scenario.stepSeconds(), scenario.deflate(),
        Instant.now(), loadAverage());
    if (scenario.name().equals("g")) {
      new LargeHome(scenario, Integer.parseInt(options.getOrDefault("runs", "20")), target,
          System.out).run();
    } else {
      new Runner(scenario, target, System.out).run();
    }
    System.out.println("load average at the end: " + loadAverage());
    System.exit(0);
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (int i = 1; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --option value at '" + args[i] + "'");
      }
      options.put(args[i].substring(2), args[++i]);
    }
    return options;
  }

  private static String required(Map<String, String> options, String key) {
    String value = options.get(key);
    if (value == null) {
      throw new IllegalArgumentException("--" + key + " is required");
    }
    return value;
  }

  private static String loadAverage() throws IOException {
    String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return fields[0] + " " + fields[1] + " " + fields[2];
  }
}
