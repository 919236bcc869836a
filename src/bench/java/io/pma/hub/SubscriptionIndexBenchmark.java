package io.pma.hub;

import io.pma.bench.Microbenchmark;
import io.pma.domain.EntityStateChanged;
import io.pma.topic.TopicPattern;
import java.util.Random;
import java.util.Set;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

/**
 * Matching one entity event against 1,000 connections' subscriptions: all of them family-wide
 * ({@code entity_updates}), each on 20 of 10,000 entities (exact topics), or each on a glob; and
 * the glob attack: 30 connections each holding the most globs allowed (50), all distinct and
 * written against backtracking ({@code *aaaa…ab<j>}, and {@code *aaaa…ab<j>*}), matched with ids
 * of 255 characters.
 */
public class SubscriptionIndexBenchmark extends Microbenchmark {
  private static final int CONNECTIONS = 1000;
  private static final int ENTITIES = 10_000;

  private static final int ATTACK_CONNECTIONS = 30;
  private static final int ATTACK_GLOBS = 50;

  @Param({"family", "exact20of10k", "glob", "adversarialGlobs", "adversarialMiddleGlobs"})
  public String layout;

  private final SubscriptionIndex index = new SubscriptionIndex();
  private final EntityStateChanged[] events = new EntityStateChanged[1024];
  private int next;
  private long matches;
  private final SubscriptionIndex.Sink sink = s -> matches++;

  @Setup
  public void setUp() {
    Random random = new Random(7);
    if (layout.startsWith("adversarial")) {
      // ...Middle: starred at both ends, so no prefix or suffix spares any of them a test.
      String end = "adversarialMiddleGlobs".equals(layout) ? "*" : "";
      for (int g = 0; g < ATTACK_CONNECTIONS * ATTACK_GLOBS; g++) {
        add("entity_updates:*" + "a".repeat(124) + "b" + g + end);
      }
      for (int i = 0; i < events.length; i++) {
        events[i] = BenchHub.change("sensor." + "a".repeat(248), i);
      }
      return;
    }
    for (int c = 0; c < CONNECTIONS; c++) {
      if ("family".equals(layout)) {
        add("entity_updates");
      } else if ("glob".equals(layout)) {
        add("entity_updates:sensor.bench_*");
      } else {
        for (int t = 0; t < 20; t++) {
          add("entity_updates:sensor.bench_" + random.nextInt(ENTITIES));
        }
      }
    }
    for (int i = 0; i < events.length; i++) {
      events[i] = BenchHub.change("sensor.bench_" + random.nextInt(ENTITIES), i);
    }
  }

  private void add(String topic) {
    index.add(new Subscription(null, TopicPattern.parse(topic), true, Set.of()));
  }

  @Benchmark
  public long match() {
    index.match(events[next++ & (events.length - 1)], sink);
    return matches;
  }
}
