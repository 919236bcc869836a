package io.pma.hub;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.auth.Permissions;
import io.pma.bus.Published;
import io.pma.domain.Entity;
import io.pma.domain.Json;
import io.pma.protocol.ClientMessage;
import io.pma.protocol.ErrorReason;
import io.pma.protocol.ServerMessages;
import io.pma.protocol.TopicRejection;
import io.pma.registry.EntityRegistry;
import io.pma.registry.Snapshot;
import io.pma.topic.InvalidTopicException;
import io.pma.topic.TopicFamily;
import io.pma.topic.TopicPattern;
import io.pma.topic.TopicRefusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The subscribe and unsubscribe messages: partial success, permissions, the per-connection limit,
 * snapshots without gap or duplicate, and the re-check of topics when authentication changes.
 * Stateless; runs on the session's event loop.
 */
final class SubscriptionCommands {
  private static final TopicPattern SYSTEM_STATUS = TopicPattern.parse("system_status");

  private final Permissions permissions;
  private final EntityRegistry registry;
  private final int maxSubscriptions;
  /** Globs cost every event a test, so a connection holds at most this many of them. */
  private final int maxGlobSubscriptions;
  private final Supplier<Published> latestSystemStatus;

  SubscriptionCommands(Permissions permissions, EntityRegistry registry, int maxSubscriptions,
      int maxGlobSubscriptions, Supplier<Published> latestSystemStatus) {
    this.permissions = permissions;
    this.registry = registry;
    this.maxSubscriptions = maxSubscriptions;
    this.maxGlobSubscriptions = maxGlobSubscriptions;
    this.latestSystemStatus = latestSystemStatus;
  }

  /**
   * Applies the valid topics ({@code subscription_success}), then sends the snapshot when asked,
   * then reports the rejected topics ({@code subscription_failure}), all with the request id.
   * The subscriptions enter the index before the registry is read, so the snapshot's seq splits
   * events cleanly into "in the snapshot" and "delivered after it".
   */
  void subscribe(Session session, ClientMessage.SubscribeRequest request, Instant now) {
    List<String> accepted = new ArrayList<>();
    List<TopicRejection> rejected = new ArrayList<>();
    List<TopicPattern> entityPatterns = new ArrayList<>();
    boolean systemStatusAdded = false;
    Set<String> seen = new HashSet<>();
    int globs = globCount(session);
    for (String text : request.topics()) {
      TopicPattern pattern;
      try {
        pattern = TopicPattern.parse(text);
      } catch (InvalidTopicException e) {
        rejected.add(new TopicRejection(text, ErrorReason.of(e.refusal())));
        continue;
      }
      Optional<TopicRefusal> denied = permissions.checkSubscribe(session.principal(), pattern);
      if (denied.isPresent()) {
        rejected.add(new TopicRejection(text, ErrorReason.of(denied.get())));
        continue;
      }
      String topic = pattern.toString();
      if (!seen.add(topic)) {
        continue;
      }
      if (!session.subscriptions().containsKey(topic)) {
        if (session.subscriptions().size() >= maxSubscriptions
            || (pattern.isGlob() && globs >= maxGlobSubscriptions)) {
          rejected.add(new TopicRejection(text, ErrorReason.TOO_MANY_SUBSCRIPTIONS));
          continue;
        }
        globs += pattern.isGlob() ? 1 : 0;
        add(session, new Subscription(session, pattern, request.includeAttributes(),
            pattern.family() == TopicFamily.HA_EVENTS ? request.domains() : Set.of()));
        systemStatusAdded |= pattern.family() == TopicFamily.SYSTEM_STATUS;
      }
      accepted.add(topic);
      if (pattern.family() == TopicFamily.ENTITY_UPDATES) {
        entityPatterns.add(pattern);
      }
    }
    if (!accepted.isEmpty()) {
      session.shard().subscriptionsChanged();
      session.send(ServerMessages.subscriptionSuccess(accepted, session.topics(), now,
          request.requestId()));
      if (request.snapshot()) {
        sendSnapshot(session, entityPatterns, request, now);
      }
    }
    if (!rejected.isEmpty()) {
      session.send(ServerMessages.subscriptionFailure(rejected, now, request.requestId()));
    }
    if (systemStatusAdded) {
      sendCurrentSystemStatus(session);
    }
  }

  void unsubscribe(Session session, ClientMessage.Unsubscribe request, Instant now) {
    List<String> removed = new ArrayList<>();
    for (String text : request.topics()) {
      String topic;
      try {
        topic = TopicPattern.parse(text).toString();
      } catch (InvalidTopicException e) {
        continue; // never subscribable, so never subscribed: nothing to remove
      }
      Subscription subscription = session.subscriptions().remove(topic);
      if (subscription != null) {
        session.shard().index().remove(subscription);
        removed.add(topic);
      }
    }
    session.shard().subscriptionsChanged();
    session.send(ServerMessages.unsubscriptionSuccess(removed, session.topics(), now,
        request.requestId()));
  }

  /** Removes subscriptions the session's current principal may not hold; returns their topics. */
  List<String> dropDisallowed(Session session) {
    return removeDisallowed(session).stream().map(s -> s.topic).toList();
  }

  /** Like {@link #dropDisallowed}, remembering them so a later authentication restores them. */
  List<Subscription> revokeDisallowed(Session session) {
    List<Subscription> lapsed = removeDisallowed(session);
    List<Subscription> remembered = new ArrayList<>(session.revoked());
    remembered.addAll(lapsed);
    session.revoked(remembered);
    return lapsed;
  }

  /** Re-subscribes remembered topics the (new) principal may hold; reports them if any. */
  void restoreRevoked(Session session, Instant now, JsonNode requestId) {
    List<String> restored = new ArrayList<>();
    List<Subscription> still = new ArrayList<>();
    int globs = globCount(session);
    for (Subscription old : session.revoked()) {
      boolean allowed = permissions.checkSubscribe(session.principal(), old.pattern).isEmpty();
      if (!allowed) {
        still.add(old);
      } else if (!session.subscriptions().containsKey(old.topic)
          && session.subscriptions().size() < maxSubscriptions
          && (!old.pattern.isGlob() || globs < maxGlobSubscriptions)) {
        add(session, new Subscription(session, old.pattern, old.includeAttributes, old.domains));
        restored.add(old.topic);
        globs += old.pattern.isGlob() ? 1 : 0;
      }
    }
    session.revoked(still);
    if (!restored.isEmpty()) {
      session.shard().subscriptionsChanged();
      session.send(ServerMessages.subscriptionSuccess(restored, session.topics(), now, requestId));
    }
  }

  private List<Subscription> removeDisallowed(Session session) {
    List<Subscription> removed = new ArrayList<>();
    Iterator<Subscription> it = session.subscriptions().values().iterator();
    while (it.hasNext()) {
      Subscription subscription = it.next();
      if (permissions.checkSubscribe(session.principal(), subscription.pattern).isPresent()) {
        it.remove();
        session.shard().index().remove(subscription);
        removed.add(subscription);
      }
    }
    if (!removed.isEmpty()) {
      session.shard().subscriptionsChanged();
    }
    return removed;
  }

  private static int globCount(Session session) {
    int globs = 0;
    for (Subscription subscription : session.subscriptions().values()) {
      globs += subscription.pattern.isGlob() ? 1 : 0;
    }
    return globs;
  }

  private static void add(Session session, Subscription subscription) {
    session.subscriptions().put(subscription.topic, subscription);
    session.shard().index().add(subscription);
  }

  private void sendSnapshot(Session session, List<TopicPattern> patterns,
      ClientMessage.SubscribeRequest request, Instant now) {
    Snapshot snapshot = registry.snapshot(entity -> matchesAny(patterns, entity));
    if (!patterns.isEmpty()) {
      session.fences().add(patterns, snapshot.seq());
    }
    List<Entity> entities = new ArrayList<>(snapshot.entities());
    entities.sort(Comparator.comparing(e -> e.entityId().toString()));
    session.send(ServerMessages.entitySnapshot(entities, snapshot.seq(),
        request.includeAttributes(), now, request.requestId()));
  }

  /** Subscribing to system_status sends the latest one at once (fenced against its copy in flight). */
  private void sendCurrentSystemStatus(Session session) {
    Published latest = latestSystemStatus.get();
    if (latest == null) {
      return;
    }
    session.fences().add(List.of(SYSTEM_STATUS), latest.seq());
    String topic = SYSTEM_STATUS.toString();
    Frame frame = session.shard().frames().text(ServerMessages.event(latest.event().type(),
        Json.formatInstant(latest.publishedAt()), topic, latest.seq(),
        ServerMessages.context(latest.context()), ServerMessages.eventData(latest.event(), true)));
    try {
      session.deliver(frame, latest, topic, true);
    } finally {
      frame.release();
    }
  }

  private static boolean matchesAny(List<TopicPattern> patterns, Entity entity) {
    String id = entity.entityId().toString();
    for (TopicPattern pattern : patterns) {
      if (pattern.matches(TopicFamily.ENTITY_UPDATES, id)) {
        return true;
      }
    }
    return false;
  }
}
