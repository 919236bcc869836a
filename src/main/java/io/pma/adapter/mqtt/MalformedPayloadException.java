package io.pma.adapter.mqtt;

/** A message on a state topic that cannot be read as the entity's config declares. */
final class MalformedPayloadException extends Exception {
  private final boolean unsupported;

  MalformedPayloadException(String message) {
    this(message, false);
  }

  private MalformedPayloadException(String message, boolean unsupported) {
    super(message, null, false, false);
    this.unsupported = unsupported;
  }

  /** The payload may be fine: the config's template is beyond what PMA evaluates. */
  static MalformedPayloadException unsupportedTemplate(String reason) {
    return new MalformedPayloadException(reason, true);
  }

  boolean unsupported() {
    return unsupported;
  }
}
