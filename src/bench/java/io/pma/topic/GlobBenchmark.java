package io.pma.topic;

import io.pma.bench.Microbenchmark;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * One glob against one entity id of 255 characters ({@code sensor.aaa…a}): the compiled linear
 * matcher against the two-pointer matcher with backtracking to the last star that PMA used
 * before, on globs written to make the latter quadratic and on an ordinary one.
 */
public class GlobBenchmark extends Microbenchmark {
  @Param({"suffix", "middle", "stars", "ordinary"})
  public String glob;

  private final String id = "sensor." + "a".repeat(248);
  private String text;
  private Glob compiled;

  @Setup
  public void setUp() {
    switch (glob) {
      case "suffix" -> text = "*" + "a".repeat(124) + "b7";
      case "middle" -> text = "*" + "a".repeat(124) + "*b";
      case "stars" -> text = "*a".repeat(20) + "*b";
      default -> text = "sensor.*";
    }
    compiled = Glob.compile(text);
  }

  @Benchmark
  public boolean linear() {
    return compiled.matches(id);
  }

  @Benchmark
  public boolean backtracking() {
    return backtrack(text, id);
  }

  /** The previous matcher, kept here as the baseline: O(glob × text) in the worst case. */
  private static boolean backtrack(String glob, String text) {
    int g = 0;
    int t = 0;
    int starG = -1;
    int starT = -1;
    while (t < text.length()) {
      if (g < glob.length() && glob.charAt(g) == '*') {
        starG = g++;
        starT = t;
      } else if (g < glob.length() && glob.charAt(g) == text.charAt(t)) {
        g++;
        t++;
      } else if (starG >= 0) {
        g = starG + 1;
        t = ++starT;
      } else {
        return false;
      }
    }
    while (g < glob.length() && glob.charAt(g) == '*') {
      g++;
    }
    return g == glob.length();
  }
}
