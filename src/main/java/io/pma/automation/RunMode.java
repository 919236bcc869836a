package io.pma.automation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import java.util.Optional;

/** What a rule does when it triggers while one of its runs is still going. */
public enum RunMode {
  /** Ignore the new trigger. */
  SINGLE,
  /** Abort the running run and start a new one. */
  RESTART,
  /** Run one after the other, at most {@code max} waiting or running. */
  QUEUED,
  /** Run side by side, at most {@code max} at once. */
  PARALLEL;

  static final int DEFAULT_MAX = 10;
  static final int MAX_MAX = 100;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether {@code max} means something for this mode. */
  public boolean takesMax() {
    return this == QUEUED || this == PARALLEL;
  }

  public static Optional<RunMode> fromWireName(String name) {
    for (RunMode mode : values()) {
      if (mode.wireName().equals(name)) {
        return Optional.of(mode);
      }
    }
    return Optional.empty();
  }
}
