package io.pma.registry;

import io.pma.domain.Context;
import io.pma.domain.EntityId;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The context of the last action PMA sent each entity, for {@link #WINDOW} after it was sent: a
 * change the entity's adapter reports meanwhile is taken as the action's effect and carries its
 * context, as Home Assistant does for service calls. At most one entry per entity. Thread-safe.
 */
final class RecentActions {
  /** How long after an action an entity's reported change is taken as the action's effect. */
  static final Duration WINDOW = Duration.ofSeconds(5);

  private record Sent(Context context, Instant at) {}

  private final ConcurrentHashMap<EntityId, Sent> byEntity = new ConcurrentHashMap<>();

  void sent(EntityId entity, Context context, Instant at) {
    byEntity.put(entity, new Sent(context, at));
  }

  /** The context of an action sent to the entity at most {@link #WINDOW} before {@code now}. */
  Context within(EntityId entity, Instant now) {
    Sent sent = byEntity.get(entity);
    if (sent == null) {
      return null;
    }
    if (now.isAfter(sent.at.plus(WINDOW))) {
      byEntity.remove(entity, sent);
      return null;
    }
    return sent.context;
  }

  void forget(EntityId entity) {
    byEntity.remove(entity);
  }
}
