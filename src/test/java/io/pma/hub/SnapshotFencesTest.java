package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.bus.Published;
import io.pma.domain.Context;
import io.pma.domain.EntityId;
import io.pma.domain.EntityStateChanged;
import io.pma.domain.Json;
import io.pma.topic.TopicPattern;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SnapshotFencesTest {
  private static final Instant AT = Instant.parse("2026-01-01T00:00:00Z");
  private static final List<TopicPattern> LIGHTS =
      List.of(TopicPattern.parse("entity_updates:light.*"));
  private static final List<TopicPattern> SENSORS =
      List.of(TopicPattern.parse("entity_updates:sensor.*"));

  private static Published change(String entity, long seq) {
    EntityStateChanged event = new EntityStateChanged(EntityId.parse(entity), "off", "on",
        Json.object(), "api", AT, AT);
    return new Published(seq, event, Context.fresh(), AT, 0);
  }

  /** The answers to {@code question} for each event in turn (live events come in seq order). */
  private static List<Boolean> answers(Predicate<Published> question, Published... events) {
    return Stream.of(events).map(question::test).toList();
  }

  @Test
  @DisplayName("no snapshot, nothing fenced out or covered")
  void emptyFencesLetEverythingThrough() {
    SnapshotFences fences = new SnapshotFences();
    Published event = change("light.kitchen", 1);
    assertThat(answers(fences::covers, event)).containsExactly(false);
    assertThat(answers(fences::fencedOut, event)).containsExactly(false);
  }

  @Test
  @DisplayName("an event at or below the snapshot's seq that matches its patterns is in the snapshot")
  void matchingEventsUpToTheSnapshotSeq() {
    SnapshotFences fences = new SnapshotFences();
    fences.add(LIGHTS, 10);
    Published[] events = {change("light.kitchen", 4), change("sensor.door", 9),
        change("light.kitchen", 9), change("light.hall", 10)};
    assertThat(answers(fences::covers, events)).containsExactly(true, false, true, true);
    assertThat(answers(fences::fencedOut, events)).containsExactly(true, false, true, true);
    assertThat(answers(fences::covers, change("light.kitchen", 11), change("light.kitchen", 4)))
        .as("asking about a replayed event past the fence drops nothing")
        .containsExactly(false, true);
  }

  @Test
  @DisplayName("fences are consumed in seq order: a live event past a fence drops it, later ones stay")
  void liveEventsConsumeFencesTheyPassed() {
    SnapshotFences fences = new SnapshotFences();
    fences.add(LIGHTS, 5);
    fences.add(SENSORS, 10);
    Published oldLight = change("light.kitchen", 3);
    Published oldSensor = change("sensor.door", 9);
    assertThat(answers(fences::covers, oldLight, oldSensor)).containsExactly(true, true);

    assertThat(answers(fences::fencedOut, change("light.kitchen", 7))).containsExactly(false);
    assertThat(answers(fences::covers, oldLight, oldSensor))
        .as("the passed fence is gone, the later one stays").containsExactly(false, true);

    assertThat(answers(fences::fencedOut, change("sensor.door", 8), change("light.kitchen", 11)))
        .containsExactly(true, false);
    assertThat(answers(fences::covers, oldLight, oldSensor)).containsExactly(false, false);
  }

  @Test
  @DisplayName("a fence keeps the patterns it was given even when the caller's list changes later")
  void fenceCopiesItsPatterns() {
    SnapshotFences fences = new SnapshotFences();
    List<TopicPattern> patterns = new ArrayList<>(LIGHTS);
    fences.add(patterns, 5);
    patterns.clear();
    assertThat(answers(fences::fencedOut, change("light.kitchen", 4))).containsExactly(true);
  }
}
