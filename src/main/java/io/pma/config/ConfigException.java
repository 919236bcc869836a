package io.pma.config;

/** Configuration that PMA cannot start with; the message is one line naming the key. */
public final class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message, null, false, false);
  }
}
