package io.pma.auth;

import io.pma.topic.TopicFamily;
import io.pma.topic.TopicPattern;
import java.util.List;
import java.util.Optional;

/**
 * The one place that says who may subscribe to what (PROTOCOL.md section 6). Anonymous connections
 * get the configured anonymous topics; {@code user} every family but {@code system_events};
 * {@code admin} everything; a token's {@code topics} claim narrows that further. Immutable.
 */
public final class Permissions {
  public static final String AUTHENTICATION_REQUIRED = "authentication required";
  public static final String FORBIDDEN = "forbidden";

  private final List<TopicPattern> anonymousTopics;

  public Permissions(List<TopicPattern> anonymousTopics) {
    this.anonymousTopics = List.copyOf(anonymousTopics);
  }

  /** Empty when allowed, else the protocol's reason. {@code principal} null means anonymous. */
  public Optional<String> checkSubscribe(Principal principal, TopicPattern topic) {
    if (topic.family() == TopicFamily.NOTIFICATIONS) {
      return Optional.empty();
    }
    if (principal == null) {
      return coveredByAny(topic, anonymousTopics)
          ? Optional.empty() : Optional.of(AUTHENTICATION_REQUIRED);
    }
    if (topic.family() == TopicFamily.SYSTEM_EVENTS && !principal.isAdmin()) {
      return Optional.of(FORBIDDEN);
    }
    if (principal.topics() != null && !coveredByAny(topic, principal.topics())) {
      return Optional.of(FORBIDDEN);
    }
    return Optional.empty();
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
