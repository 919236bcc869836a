package io.pma.hub;

import io.pma.domain.HaEvent;
import io.pma.auth.Principal;
import io.pma.domain.Notification;
import io.pma.domain.PmaEvent;
import io.pma.topic.TopicPattern;
import java.util.Set;

/**
 * One topic of one session, with its options. {@code topic} is the canonical text echoed to the
 * client and put in every event it delivers. Confined to the session's event loop.
 */
final class Subscription {
  final Session session;
  final TopicPattern pattern;
  final String topic;
  final boolean includeAttributes;
  /** Home Assistant domains an {@code ha_events} subscription keeps; empty = all. */
  final Set<String> domains;
  /** Position in the index list that holds this subscription, for O(1) removal. */
  int slot = -1;

  Subscription(Session session, TopicPattern pattern, boolean includeAttributes,
      Set<String> domains) {
    this.session = session;
    this.pattern = pattern;
    this.topic = pattern.toString();
    this.includeAttributes = includeAttributes;
    this.domains = Set.copyOf(domains);
  }

  /** Filters beyond the topic pattern: HA domains and user-addressed notifications. */
  boolean accepts(PmaEvent event) {
    if (event instanceof HaEvent ha) {
      return domains.isEmpty() || domains.contains(ha.entityDomain());
    }
    if (event instanceof Notification notification && notification.userId() != null) {
      Principal principal = session.principal();
      if (notification.forAdmins()) {
        return principal != null && principal.isAdmin() && !principal.scoped();
      }
      return principal != null && notification.userId().equals(principal.userId());
    }
    return true;
  }
}
