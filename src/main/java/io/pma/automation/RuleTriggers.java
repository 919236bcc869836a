package io.pma.automation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Context;
import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import io.pma.domain.HaEvent;
import io.pma.domain.Json;
import io.pma.topic.Glob;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * The armed triggers of one enabled rule: timers of its time triggers and the waiting
 * {@code for} durations of its entity triggers. Runs on the engine's context; scheduler callbacks
 * come back to it through {@code engine}, and are ignored once disarmed or superseded.
 */
final class RuleTriggers {
  /** Where fired triggers go: what fired, and the context of the event that fired it (or null). */
  interface Sink {
    void fired(ObjectNode trigger, Context cause);
  }

  /** A time trigger firing later than this (suspend, overload) is not repeated per miss. */
  static final Duration CATCH_UP = Duration.ofSeconds(5);

  private final List<Trigger> triggers;
  private final Sink sink;
  private final Scheduler scheduler;
  private final Executor engine;
  private final Clock clock;
  private final ZoneId zone;
  private final Map<Integer, Scheduler.Scheduled> timers = new HashMap<>();
  private final Map<String, Waiting> waiting = new HashMap<>();
  private Instant anchor;
  private boolean armed;

  /** A trigger whose transition happened and that waits for its {@code for} to pass. */
  private static final class Waiting {
    final ObjectNode trigger;
    final Context cause;
    Scheduler.Scheduled timer;

    Waiting(ObjectNode trigger, Context cause) {
      this.trigger = trigger;
      this.cause = cause;
    }
  }

  RuleTriggers(List<Trigger> triggers, Sink sink, Scheduler scheduler, Executor engine,
      Clock clock, ZoneId zone) {
    this.triggers = triggers;
    this.sink = sink;
    this.scheduler = scheduler;
    this.engine = engine;
    this.clock = clock;
    this.zone = zone;
  }

  void arm() {
    armed = true;
    anchor = clock.instant();
    for (int i = 0; i < triggers.size(); i++) {
      schedule(i, anchor);
    }
  }

  void disarm() {
    armed = false;
    timers.values().forEach(Scheduler.Scheduled::cancel);
    timers.clear();
    waiting.values().forEach(w -> w.timer.cancel());
    waiting.clear();
  }

  /** How many {@code for} durations are running (for status and tests). */
  int waitingCount() {
    return waiting.size();
  }

  private void schedule(int index, Instant after) {
    Instant next = TimeTriggers.next(triggers.get(index), after, anchor, zone);
    if (next != null) {
      timers.put(index, scheduler.at(next, () -> engine.execute(() -> timeReached(index, next))));
    }
  }

  private void timeReached(int index, Instant due) {
    if (!armed) {
      return;
    }
    Instant now = clock.instant();
    schedule(index, due.isBefore(now.minus(CATCH_UP)) ? now : due);
    // {"type":"time","at":"07:30"} plus which trigger and the instant it was due.
    ObjectNode info = Json.toObject(triggers.get(index)).put("index", index)
        .put("scheduled_for", Json.formatInstant(due));
    sink.fired(info, null);
  }

  /** An entity was added ({@code before} null) or changed at {@code at}. */
  void entityChanged(Entity before, Entity after, Instant at, Context cause) {
    String id = after.entityId().toString();
    for (int i = 0; i < triggers.size(); i++) {
      Trigger trigger = triggers.get(i);
      if (!EntityTriggers.watches(trigger, id)) {
        continue;
      }
      EntityTriggers.Effect effect = trigger instanceof Trigger.State s
          ? EntityTriggers.state(s, before, after)
          : EntityTriggers.numeric((Trigger.Numeric) trigger, before, after);
      String key = i + "|" + id;
      if (effect != EntityTriggers.Effect.NONE) {
        cancelWaiting(key);
      }
      if (effect == EntityTriggers.Effect.MATCH) {
        matched(key, EntityTriggers.describe(trigger, i, before, after), holdFor(trigger), at,
            cause);
      }
    }
  }

  private static Duration holdFor(Trigger trigger) {
    return trigger instanceof Trigger.State s ? s.holdFor() : ((Trigger.Numeric) trigger).holdFor();
  }

  private void matched(String key, ObjectNode info, Duration holdFor, Instant at,
      Context cause) {
    if (holdFor == null || holdFor.isZero()) {
      sink.fired(info, cause);
      return;
    }
    info.put("for", DurationText.format(holdFor));
    Waiting w = new Waiting(info, cause);
    waiting.put(key, w);
    // Counted from the change itself, not from when the engine got to it.
    w.timer = scheduler.at(at.plus(holdFor), () -> engine.execute(() -> held(key, w)));
  }

  private void held(String key, Waiting w) {
    if (armed && waiting.remove(key, w)) {
      sink.fired(w.trigger, w.cause);
    }
  }

  private void cancelWaiting(String key) {
    Waiting w = waiting.remove(key);
    if (w != null) {
      w.timer.cancel();
    }
  }

  void entityRemoved(EntityId id) {
    String suffix = "|" + id;
    waiting.keySet().stream().filter(k -> k.endsWith(suffix)).toList()
        .forEach(this::cancelWaiting);
  }

  void haEvent(HaEvent event, Context cause) {
    for (int i = 0; i < triggers.size(); i++) {
      if (triggers.get(i) instanceof Trigger.Event t && Glob.matches(t.eventType(),
          event.eventType()) && JsonMatch.contains(t.data(), event.data())) {
        ObjectNode info = Json.object().put("type", "event").put("index", i)
            .put("event_type", event.eventType()).put("origin", event.origin());
        info.set("data", event.data() == null ? Json.object() : event.data().deepCopy());
        sink.fired(info, cause);
      }
    }
  }
}
