package io.pma.protocol;

/** One topic of a subscribe that was not applied, as listed in {@code subscription_failure.topics}. */
public record TopicRejection(String topic, ErrorReason reason) {}
