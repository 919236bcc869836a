package io.pma.adapter.homeassistant;

import org.slf4j.Logger;

/**
 * Keeps a reconnect loop from flooding the log: a failure is logged at WARN when it differs from
 * the previous one and at DEBUG while it repeats; {@link #recovered()} starts over. Owned by the
 * adapter's event loop.
 */
final class FailureLog {
  private final Logger log;
  private final String prefix;
  private String last;

  FailureLog(Logger log, String prefix) {
    this.log = log;
    this.prefix = prefix;
  }

  void failure(String message) {
    if (message.equals(last)) {
      log.debug("{}{} (repeated)", prefix, message);
    } else {
      log.warn("{}{}", prefix, message);
      last = message;
    }
  }

  void recovered() {
    last = null;
  }
}
