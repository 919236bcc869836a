package io.pma.topic;

import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A subscription topic as clients write it: a family and an optional filter ({@code light.*},
 * {@code *}, {@code state_changed}). An empty filter means "all" in the family. The filter is
 * compiled once ({@link Glob}), since it is matched against every event. Immutable; equal when
 * family and filter are.
 */
public final class TopicPattern {
  private static final Pattern ENTITY_FILTER = Pattern.compile("[a-z0-9_*]+(\\.[a-z0-9_*]+)?");
  private static final Pattern NAME_FILTER = Pattern.compile("[a-z0-9_*]+");
  private static final Pattern AUTOMATION_FILTER = Pattern.compile("[A-Za-z0-9_*-]+");
  private static final Set<String> SYSTEM_EVENTS =
      Set.of("adapter_status", "sync_status", "performance_alert", "*");
  private static final int MAX_LENGTH = 300;

  private final TopicFamily family;
  private final String filter;
  private final Glob glob;

  private TopicPattern(TopicFamily family, String filter) {
    this.family = family;
    this.filter = filter;
    this.glob = Glob.compile(filter);
  }

  /** Parses a topic; throws {@link InvalidTopicException} with the protocol's reason. */
  public static TopicPattern parse(String text) {
    if (text == null || text.isEmpty() || text.length() > MAX_LENGTH) {
      throw new InvalidTopicException(TopicRefusal.UNKNOWN_TOPIC);
    }
    int colon = text.indexOf(':');
    String name = colon < 0 ? text : text.substring(0, colon);
    String filter = colon < 0 ? "" : text.substring(colon + 1);
    TopicFamily family = TopicFamily.fromWireName(name)
        .orElseThrow(() -> new InvalidTopicException(TopicRefusal.UNKNOWN_TOPIC));
    if (colon >= 0 && !validFilter(family, filter)) {
      throw new InvalidTopicException(TopicRefusal.INVALID_FILTER);
    }
    return new TopicPattern(family, "*".equals(filter) ? "" : filter);
  }

  private static boolean validFilter(TopicFamily family, String filter) {
    switch (family) {
      case ENTITY_UPDATES:
        return ENTITY_FILTER.matcher(filter).matches();
      case HA_EVENTS:
        return NAME_FILTER.matcher(filter).matches();
      case SYSTEM_EVENTS:
        return SYSTEM_EVENTS.contains(filter);
      case AUTOMATION_EVENTS:
        return AUTOMATION_FILTER.matcher(filter).matches();
      default:
        return false;
    }
  }

  public TopicFamily family() {
    return family;
  }

  /** The filter after ':' ({@code light.*}); empty for the whole family. */
  public String filter() {
    return filter;
  }

  /** The compiled filter. */
  public Glob glob() {
    return glob;
  }

  public boolean isWildcard() {
    return filter.isEmpty();
  }

  public boolean isGlob() {
    return filter.indexOf('*') >= 0;
  }

  /** Whether an event of {@code eventFamily} with routing key {@code key} falls under this topic. */
  public boolean matches(TopicFamily eventFamily, String key) {
    return family == eventFamily && (filter.isEmpty() || glob.matches(key));
  }

  /** Whether every event this pattern can match is also matched by {@code other}. */
  public boolean isCoveredBy(TopicPattern other) {
    return other.family == family
        && (other.filter.isEmpty() || (!isWildcard() && other.glob.matches(filter)));
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TopicPattern that && family == that.family
        && filter.equals(that.filter);
  }

  @Override
  public int hashCode() {
    return Objects.hash(family, filter);
  }

  /** The canonical text, as echoed in {@code subscriptions}. */
  @Override
  public String toString() {
    return filter.isEmpty() ? family.wireName() : family.wireName() + ":" + filter;
  }
}
