package io.pma.adapter.mqtt;

/**
 * Counters of one MQTT adapter since start: messages on entity topics, payloads that could not
 * be read, discovery configs that could not become entities, messages dropped for being larger
 * than {@code mqtt.max_message_bytes}, commands published, and the number of discovered entities.
 */
public record MqttStats(long stateMessages, long malformedPayloads, long invalidConfigs,
    long oversizedMessages, long commandsPublished, int entities, boolean connected) {}
