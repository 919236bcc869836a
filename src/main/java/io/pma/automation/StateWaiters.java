package io.pma.automation;

import io.pma.domain.Entity;
import io.pma.domain.EntityId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code wait_for_state} steps waiting for an entity. Confined to the engine's context. */
final class StateWaiters {
  private final Map<EntityId, List<Waiter>> byEntity = new HashMap<>();

  /** One waiting step; {@link #cancel()} removes it without calling it. */
  final class Waiter {
    private final Action.WaitForState step;
    private final Runnable reached;

    private Waiter(Action.WaitForState step, Runnable reached) {
      this.step = step;
      this.reached = reached;
    }

    void cancel() {
      List<Waiter> list = byEntity.get(step.entityId());
      if (list != null) {
        list.remove(this);
        if (list.isEmpty()) {
          byEntity.remove(step.entityId());
        }
      }
    }
  }

  Waiter add(Action.WaitForState step, Runnable reached) {
    Waiter waiter = new Waiter(step, reached);
    byEntity.computeIfAbsent(step.entityId(), k -> new ArrayList<>()).add(waiter);
    return waiter;
  }

  static boolean reached(Action.WaitForState step, Entity entity) {
    return step.state().matches(EntityValues.text(entity, step.attribute()));
  }

  /** Wakes (and removes) the waiters whose state the entity now has. */
  void entityChanged(Entity entity) {
    List<Waiter> list = byEntity.get(entity.entityId());
    if (list == null) {
      return;
    }
    for (Waiter waiter : List.copyOf(list)) {
      if (reached(waiter.step, entity)) {
        waiter.cancel();
        waiter.reached.run();
      }
    }
  }

  int size() {
    return byEntity.values().stream().mapToInt(List::size).sum();
  }
}
