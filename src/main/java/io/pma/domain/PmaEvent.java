package io.pma.domain;

import io.pma.topic.TopicFamily;

/**
 * Everything PMA publishes on the broker. Each event names its message type and where it is routed:
 * its topic family and its key within the family (entity id, HA event type, automation id, system
 * event name; empty for families without a filter).
 */
public sealed interface PmaEvent
    permits EntityEvent, AdapterStatus, SyncStatus, HaEvent,
        SystemStatus, PerformanceAlert, AutomationTriggered, Notification {

  /** The {@code type} of the message that carries this event to clients. */
  String type();

  TopicFamily family();

  /** The routing key within the family, matched against subscription filters. */
  String key();

  /** The concrete topic of this event, e.g. {@code entity_updates:light.kitchen}. */
  default String topic() {
    String key = key();
    return key.isEmpty() ? family().wireName() : family().wireName() + ":" + key;
  }
}
