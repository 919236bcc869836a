package io.pma.adapter.mqtt;

/** A topic an entity reads, and what a message on it does to the entity's state. */
record StateBinding(String topic, Ingest ingest) {

  /** Applies one message; throws for a payload the config cannot read. */
  @FunctionalInterface
  interface Ingest {
    void apply(Payload payload, EntityState state) throws MalformedPayloadException;
  }
}
