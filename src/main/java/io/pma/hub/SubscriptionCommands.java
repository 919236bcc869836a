package io.pma.hub;

import com.fasterxml.jackson.databind.JsonNode;
import io.pma.auth.Permissions;
import io.pma.bus.Published;
import io.pma.domain.Entity;
import io.pma.domain.Json;
import io.pma.protocol.ClientMessage;
import io.pma.protocol.ErrorReason;
import io.pma.protocol.ServerMessages;
import io.pma.protocol.SnapshotFormat;
import io.pma.protocol.TopicRejection;
import io.pma.registry.EntityRegistry;
import io.pma.registry.Snapshot;
import io.pma.topic.InvalidTopicException;
import io.pma.topic.TopicFamily;
import io.pma.topic.TopicPattern;
import io.pma.topic.TopicRefusal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
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
  private final HistoryCommand history;

  SubscriptionCommands(Permissions permissions, EntityRegistry registry, int maxSubscriptions,
      int maxGlobSubscriptions, Supplier<Published> latestSystemStatus, HistoryCommand history) {
    this.history = history;
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
    boolean withHistory = request.history() != null;
    if (withHistory && !history.canStart(session)) {
      session.send(ServerMessages.invalidMessage(ErrorReason.INVALID_DATA,
          "a resume or a history is still being sent on this connection", now,
          request.requestId()));
      return;
    }
    boolean historyTooOld = withHistory && !history.startAllowed(request.history(), now);
    List<String> accepted = new ArrayList<>();
    List<TopicRejection> rejected = new ArrayList<>();
    List<TopicPattern> entityPatterns = new ArrayList<>();
    boolean systemStatusAdded = false;
    Set<String> seen = new HashSet<>();
    int globs = session.globSubscriptionCount();
    for (String text : request.topics()) {
      TopicPattern pattern;
      try {
        pattern = TopicPattern.parse(text);
      } catch (InvalidTopicException e) {
        rejected.add(new TopicRejection(text, ErrorReason.of(e.refusal())));
        continue;
      }
      if (historyTooOld && pattern.family() == TopicFamily.ENTITY_UPDATES) {
        // More than 31 days of history: the filter asks for more than the server gives.
        rejected.add(new TopicRejection(text, ErrorReason.INVALID_FILTER));
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
      if (!session.holds(topic)) {
        if (session.subscriptionCount() >= maxSubscriptions
            || (pattern.isGlob() && globs >= maxGlobSubscriptions)) {
          rejected.add(new TopicRejection(text, ErrorReason.TOO_MANY_SUBSCRIPTIONS));
          continue;
        }
        globs += pattern.isGlob() ? 1 : 0;
        session.subscribe(pattern, request.includeAttributes(),
            pattern.family() == TopicFamily.HA_EVENTS ? request.domains() : Set.of());
        systemStatusAdded |= pattern.family() == TopicFamily.SYSTEM_STATUS;
      }
      accepted.add(topic);
      if (pattern.family() == TopicFamily.ENTITY_UPDATES) {
        entityPatterns.add(pattern);
      }
    }
    if (!accepted.isEmpty()) {
      session.send(ServerMessages.subscriptionSuccess(accepted, session.topics(), now,
          request.requestId()));
      Snapshot snapshot = null;
      if (request.snapshot()) {
        snapshot = sendSnapshot(session, entityPatterns, request, now);
      }
      if (withHistory && !entityPatterns.isEmpty()) {
        history.send(session, entityPatterns, snapshot != null ? snapshot
            : registry.snapshot(entity -> matchesAny(entityPatterns, entity)), request);
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
      if (session.unsubscribe(topic) != null) {
        removed.add(topic);
      }
    }
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
    int globs = session.globSubscriptionCount();
    for (Subscription old : session.revoked()) {
      boolean allowed = permissions.checkSubscribe(session.principal(), old.pattern).isEmpty();
      if (!allowed) {
        still.add(old);
      } else if (!session.holds(old.topic)
          && session.subscriptionCount() < maxSubscriptions
          && (!old.pattern.isGlob() || globs < maxGlobSubscriptions)) {
        session.subscribe(old.pattern, old.includeAttributes, old.domains);
        restored.add(old.topic);
        globs += old.pattern.isGlob() ? 1 : 0;
      }
    }
    session.revoked(still);
    if (!restored.isEmpty()) {
      session.send(ServerMessages.subscriptionSuccess(restored, session.topics(), now, requestId));
    }
  }

  private List<Subscription> removeDisallowed(Session session) {
    return session.unsubscribeWhere(
        subscription -> permissions.checkSubscribe(session.principal(), subscription.pattern)
            .isPresent());
  }

  /**
   * Takes the snapshot (fenced at its seq) and sends it: in fragments when nothing waits before it
   * on the connection, otherwise (a backlog, or another snapshot still on its way) as one message
   * behind what waits.
   */
  private Snapshot sendSnapshot(Session session, List<TopicPattern> patterns,
      ClientMessage.SubscribeRequest request, Instant now) {
    Snapshot snapshot = registry.sortedSnapshot(coversEverything(patterns) ? null
        : entity -> matchesAny(patterns, entity));
    if (!patterns.isEmpty()) {
      session.fences().add(patterns, snapshot.seq());
    }
    SnapshotFormat format = SnapshotFormat.of(request.includeAttributes(), request.compact());
    if (session.canStream()) {
      session.shard().snapshots().start(session, snapshot, format, now, request.requestId());
    } else {
      session.send(ServerMessages.entitySnapshot(snapshot.entities(), snapshot.seq(), format, now,
          request.requestId()));
    }
    return snapshot;
  }

  private static boolean coversEverything(List<TopicPattern> patterns) {
    for (TopicPattern pattern : patterns) {
      if (pattern.isWildcard() || pattern.filter().equals("*")) {
        return true;
      }
    }
    return false;
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
