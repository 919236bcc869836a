package io.pma.automation;

import io.pma.domain.Entity;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/** Evaluates conditions against the engine's entity view and clock; on the engine's context. */
final class ConditionEvaluator {
  private final EntityMirror entities;
  private final Clock clock;
  private final ZoneId zone;

  ConditionEvaluator(EntityMirror entities, Clock clock, ZoneId zone) {
    this.entities = entities;
    this.clock = clock;
    this.zone = zone;
  }

  /** Whether every condition holds (true for none). */
  boolean all(List<Condition> conditions) {
    for (Condition condition : conditions) {
      if (!test(condition)) {
        return false;
      }
    }
    return true;
  }

  boolean test(Condition condition) {
    if (condition instanceof Condition.State c) {
      return state(c);
    } else if (condition instanceof Condition.Numeric c) {
      Entity entity = entities.get(c.entityId()).orElse(null);
      return EntityValues.inRange(EntityValues.number(entity, c.attribute()), c.above(),
          c.below());
    } else if (condition instanceof Condition.Time c) {
      return time(c);
    } else if (condition instanceof Condition.And c) {
      return all(c.conditions());
    } else if (condition instanceof Condition.Or c) {
      return c.conditions().stream().anyMatch(this::test);
    } else if (condition instanceof Condition.Not c) {
      return c.conditions().stream().noneMatch(this::test);
    }
    throw new IllegalStateException("unknown condition " + condition);
  }

  private boolean state(Condition.State c) {
    Entity entity = entities.get(c.entityId()).orElse(null);
    if (!c.state().matches(EntityValues.text(entity, c.attribute()))) {
      return false;
    }
    if (c.holdFor() == null) {
      return true;
    }
    Duration held = Duration.between(entity.lastChanged(), clock.instant());
    return held.compareTo(c.holdFor()) >= 0;
  }

  private boolean time(Condition.Time c) {
    ZonedDateTime now = ZonedDateTime.now(clock.withZone(zone));
    if (c.weekdays() != null
        && c.weekdays().stream().noneMatch(d -> d.day() == now.getDayOfWeek())) {
      return false;
    }
    LocalTime t = now.toLocalTime();
    boolean afterOk = c.after() == null || !t.isBefore(c.after());
    boolean beforeOk = c.before() == null || t.isBefore(c.before());
    if (c.after() != null && c.before() != null && c.after().isAfter(c.before())) {
      return afterOk || beforeOk;
    }
    return afterOk && beforeOk;
  }
}
