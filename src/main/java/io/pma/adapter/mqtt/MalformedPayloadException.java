package io.pma.adapter.mqtt;

/** A message on a state topic that cannot be read as the entity's config declares. */
final class MalformedPayloadException extends Exception {
  MalformedPayloadException(String message) {
    super(message, null, false, false);
  }
}
