package io.pma.adapter.mqtt;

/** One MQTT message to publish. */
record Publication(String topic, String payload, int qos, boolean retain) {}
