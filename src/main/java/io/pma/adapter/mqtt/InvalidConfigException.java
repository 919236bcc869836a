package io.pma.adapter.mqtt;

/** A discovery config that cannot become an entity; the message names the offending key. */
final class InvalidConfigException extends Exception {
  InvalidConfigException(String message) {
    super(message, null, false, false);
  }
}
