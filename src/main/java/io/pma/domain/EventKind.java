package io.pma.domain;

import io.pma.topic.TopicFamily;

/**
 * Every kind of event PMA publishes: the {@code type} of the message that carries it to clients,
 * the topic family it is routed on and, for kinds whose events all share one, the key within that
 * family. Kinds with a per-event key (entity id, HA event type, automation id) have none here: their
 * records name it themselves.
 */
public enum EventKind {
  ENTITY_ADDED("pma_entity_added", TopicFamily.ENTITY_UPDATES, null),
  ENTITY_STATE_CHANGED("pma_entity_state_changed", TopicFamily.ENTITY_UPDATES, null),
  ENTITY_REMOVED("pma_entity_removed", TopicFamily.ENTITY_UPDATES, null),
  HA_EVENT("ha_event", TopicFamily.HA_EVENTS, null),
  AUTOMATION_TRIGGERED("automation_triggered", TopicFamily.AUTOMATION_EVENTS, null),
  ADAPTER_STATUS("pma_adapter_status", TopicFamily.SYSTEM_EVENTS, "adapter_status"),
  SYNC_STATUS("pma_sync_status", TopicFamily.SYSTEM_EVENTS, "sync_status"),
  PERFORMANCE_ALERT("performance_alert", TopicFamily.SYSTEM_EVENTS, "performance_alert"),
  SYSTEM_STATUS("system_status", TopicFamily.SYSTEM_STATUS, ""),
  NOTIFICATION("notification", TopicFamily.NOTIFICATIONS, "");

  private final String type;
  private final TopicFamily family;
  private final String key;

  EventKind(String type, TopicFamily family, String key) {
    this.type = type;
    this.family = family;
    this.key = key;
  }

  /** The {@code type} of the message that carries events of this kind. */
  public String type() {
    return type;
  }

  public TopicFamily family() {
    return family;
  }

  /**
   * The key every event of this kind is routed under (empty for families without a filter), or
   * null where each event carries its own.
   */
  public String key() {
    return key;
  }
}
