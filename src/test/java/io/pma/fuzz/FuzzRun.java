package io.pma.fuzz;

import java.time.Duration;
import java.util.Random;

/**
 * One seeded, time-boxed fuzz run. {@code -Dfuzz.seconds=N} sets the budget of each fuzz test
 * (default 12, the bounded run of the normal build; {@code bench/run.sh fuzz} runs longer) and
 * {@code -Dfuzz.seed=S} replays a run: the inputs are a function of the seed alone, so a failure
 * reported as "seed S, input #i" comes back as input #i of the same seed.
 */
final class FuzzRun {
  private final String name;
  private final long seed;
  private final long deadline;
  private final Random random;
  private int inputs;

  private FuzzRun(String name, long seed, Duration budget) {
    this.name = name;
    this.seed = seed;
    this.deadline = System.nanoTime() + budget.toNanos();
    this.random = new Random(seed);
  }

  static FuzzRun start(String name) {
    long seed = Long.getLong("fuzz.seed", new Random().nextLong());
    Duration budget = Duration.ofSeconds(Long.getLong("fuzz.seconds", 12));
    System.out.printf("fuzz %s: seed %d, %d s (replay with -Dfuzz.seed=%d)%n", name, seed,
        budget.toSeconds(), seed);
    return new FuzzRun(name, seed, budget);
  }

  /** Whether there is time for another input; counts it. */
  boolean next() {
    if (System.nanoTime() >= deadline) {
      System.out.printf("fuzz %s: seed %d, %d inputs, no finding%n", name, seed, inputs);
      return false;
    }
    inputs++;
    return true;
  }

  Random random() {
    return random;
  }

  int inputs() {
    return inputs;
  }

  /** The context of an assertion: enough to replay it. */
  String where(String input) {
    String shown = input.length() > 300 ? input.substring(0, 300) + "…(" + input.length()
        + " chars)" : input;
    return "fuzz " + name + " seed " + seed + ", input #" + inputs + ": " + shown;
  }
}
