package io.pma.adapter.mqtt;

/** One availability topic of an entity and how to read it. */
record AvailabilitySource(String topic, ValueTemplate template, String payloadAvailable,
    String payloadNotAvailable) {

  /** True for available, false for not available, null for a payload that is neither. */
  Boolean read(Payload payload) throws MalformedPayloadException {
    String value = template.render(payload);
    if (payloadAvailable.equals(value)) {
      return Boolean.TRUE;
    }
    return payloadNotAvailable.equals(value) ? Boolean.FALSE : null;
  }
}
