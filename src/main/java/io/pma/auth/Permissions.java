package io.pma.auth;

import io.pma.topic.TopicFamily;
import io.pma.topic.TopicPattern;
import io.pma.topic.TopicRefusal;
import java.util.List;
import java.util.Optional;

/**
 * The one place that says who may subscribe to what (PROTOCOL.md section 6). Anonymous connections
 * get the configured anonymous topics; {@code user} every family but {@code system_events};
 * {@code admin} everything; a token's {@code topics} claim narrows that further, on sockets and on
 * REST ({@link #reachesEntity}, {@link #reachesTopic}; the REST routes such a token may use at all
 * are listed in {@code api/ScopeGate}). Immutable.
 */
public final class Permissions {
  private final List<TopicPattern> anonymousTopics;

  public Permissions(List<TopicPattern> anonymousTopics) {
    this.anonymousTopics = List.copyOf(anonymousTopics);
  }

  /** Empty when allowed, else why not. {@code principal} null means anonymous. */
  public Optional<TopicRefusal> checkSubscribe(Principal principal, TopicPattern topic) {
    if (topic.family() == TopicFamily.NOTIFICATIONS) {
      return Optional.empty();
    }
    if (principal == null) {
      return coveredByAny(topic, anonymousTopics)
          ? Optional.empty() : Optional.of(TopicRefusal.AUTHENTICATION_REQUIRED);
    }
    if (topic.family() == TopicFamily.SYSTEM_EVENTS && !principal.isAdmin()) {
      return Optional.of(TopicRefusal.FORBIDDEN);
    }
    if (principal.topics() != null && !coveredByAny(topic, principal.topics())) {
      return Optional.of(TopicRefusal.FORBIDDEN);
    }
    return Optional.empty();
  }

  /**
   * Whether a token may reach entity {@code entityId} over REST: a token limited to topics only
   * the entities its {@code entity_updates} topics cover (what it could watch on a socket); any
   * other token every entity.
   */
  public static boolean reachesEntity(Principal principal, String entityId) {
    if (!principal.scoped()) {
      return true;
    }
    for (TopicPattern pattern : principal.topics()) {
      if (pattern.matches(TopicFamily.ENTITY_UPDATES, entityId)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a token's topics cover {@code topic} (a token not limited to topics: yes). */
  public static boolean reachesTopic(Principal principal, TopicPattern topic) {
    return !principal.scoped() || coveredByAny(topic, principal.topics());
  }

  public boolean allowedAnonymously(TopicPattern topic) {
    return checkSubscribe(null, topic).isEmpty();
  }

  private static boolean coveredByAny(TopicPattern topic, List<TopicPattern> allowed) {
    for (TopicPattern pattern : allowed) {
      if (topic.isCoveredBy(pattern)) {
        return true;
      }
    }
    return false;
  }
}
