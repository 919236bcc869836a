package io.pma.domain;

import io.pma.topic.TopicFamily;

/**
 * Everything PMA publishes on the broker. Each event names its {@link EventKind}, which gives its
 * message type and where it is routed: its topic family and its key within the family (entity id,
 * HA event type, automation id, system event name; empty for families without a filter). Events
 * whose key is their own, not their kind's, override {@link #key()}.
 */
public sealed interface PmaEvent
    permits EntityEvent, AdapterStatus, SyncStatus, HaEvent,
        SystemStatus, PerformanceAlert, AutomationTriggered, Notification {

  EventKind kind();

  /** The {@code type} of the message that carries this event to clients. */
  default String type() {
    return kind().type();
  }

  default TopicFamily family() {
    return kind().family();
  }

  /** The routing key within the family, matched against subscription filters. */
  default String key() {
    return kind().key();
  }

  /** The concrete topic of this event, e.g. {@code entity_updates:light.kitchen}. */
  default String topic() {
    String key = key();
    return key.isEmpty() ? family().wireName() : family().wireName() + ":" + key;
  }
}
