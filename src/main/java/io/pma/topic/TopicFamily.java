package io.pma.topic;

import java.util.Optional;

/** The topic names of PROTOCOL.md section 4. */
public enum TopicFamily {
  ENTITY_UPDATES("entity_updates"),
  HA_EVENTS("ha_events"),
  SYSTEM_STATUS("system_status"),
  SYSTEM_EVENTS("system_events"),
  AUTOMATION_EVENTS("automation_events"),
  NOTIFICATIONS("notifications");

  private final String wireName;

  TopicFamily(String wireName) {
    this.wireName = wireName;
  }

  public String wireName() {
    return wireName;
  }

  /** Whether a subscription to this family may carry a filter after ':'. */
  public boolean takesFilter() {
    return this != SYSTEM_STATUS && this != NOTIFICATIONS;
  }

  public static Optional<TopicFamily> fromWireName(String name) {
    for (TopicFamily family : values()) {
      if (family.wireName.equals(name)) {
        return Optional.of(family);
      }
    }
    return Optional.empty();
  }
}
