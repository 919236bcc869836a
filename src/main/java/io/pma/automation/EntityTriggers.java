package io.pma.automation;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pma.domain.Entity;
import io.pma.domain.Json;
import io.pma.topic.Glob;

/** How an entity change affects a state or numeric trigger. Pure functions. */
final class EntityTriggers {
  /** The effect of one change on one trigger. */
  enum Effect {
    /** Nothing the trigger looks at changed: a waiting {@code for} keeps waiting. */
    NONE,
    /** The watched value left what the trigger wants: a waiting {@code for} is cancelled. */
    LEFT,
    /** The trigger's transition happened: it fires (now, or after {@code for}). */
    MATCH
  }

  private EntityTriggers() {}

  static boolean watches(Trigger trigger, String entityId) {
    if (trigger instanceof Trigger.State s) {
      return Glob.matches(s.entityId(), entityId);
    }
    return trigger instanceof Trigger.Numeric n && Glob.matches(n.entityId(), entityId);
  }

  /**
   * A state trigger fires when its value (state, or attribute) changes and the old and new values
   * match {@code from} and {@code to}. Any other change of the value ends a waiting {@code for}.
   */
  static Effect state(Trigger.State t, Entity before, Entity after) {
    String old = EntityValues.text(before, t.attribute());
    String now = EntityValues.text(after, t.attribute());
    if (old == null ? now == null : old.equals(now)) {
      return Effect.NONE;
    }
    boolean fromOk = t.from() == null || t.from().matches(old);
    boolean toOk = t.to() == null || t.to().matches(now);
    return fromOk && toOk ? Effect.MATCH : Effect.LEFT;
  }

  /** A numeric trigger fires when the value crosses into its range, and leaves when it exits. */
  static Effect numeric(Trigger.Numeric t, Entity before, Entity after) {
    boolean was = EntityValues.inRange(EntityValues.number(before, t.attribute()), t.above(),
        t.below());
    boolean is = EntityValues.inRange(EntityValues.number(after, t.attribute()), t.above(),
        t.below());
    if (!is) {
      return Effect.LEFT;
    }
    return was ? Effect.NONE : Effect.MATCH;
  }

  /** What fired, as reported in {@code automation_triggered.trigger} and the run record. */
  static ObjectNode describe(Trigger trigger, int index, Entity before, Entity after) {
    ObjectNode info = Json.object().put("type", trigger.kind()).put("index", index)
        .put("entity_id", after.entityId().toString());
    if (trigger instanceof Trigger.State s) {
      if (s.attribute() != null) {
        info.put("attribute", s.attribute());
      }
      info.put("from", EntityValues.text(before, s.attribute()))
          .put("to", EntityValues.text(after, s.attribute()));
    } else if (trigger instanceof Trigger.Numeric n) {
      if (n.attribute() != null) {
        info.put("attribute", n.attribute());
      }
      info.put("value", EntityValues.number(after, n.attribute()));
      if (n.above() != null) {
        info.put("above", n.above());
      }
      if (n.below() != null) {
        info.put("below", n.below());
      }
    }
    return info;
  }
}
