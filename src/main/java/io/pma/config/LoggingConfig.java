package io.pma.config;

import java.util.Locale;
import java.util.Set;

/**
 * The console log: {@code level} of PMA's own loggers and the root (TRACE..ERROR, OFF) and its
 * {@code format}: {@code text} (a line with date and time) or {@code json} (one JSON object per
 * line, for log shippers).
 */
public record LoggingConfig(String level, String format) {
  private static final Set<String> LEVELS = Set.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR",
      "OFF");

  public LoggingConfig {
    level = level == null || level.isBlank() ? "INFO" : level.trim().toUpperCase(Locale.ROOT);
    format = format == null || format.isBlank() ? "text" : format.trim().toLowerCase(Locale.ROOT);
    if (!LEVELS.contains(level)) {
      throw new IllegalArgumentException("logging.level must be one of TRACE, DEBUG, INFO, WARN,"
          + " ERROR, OFF (got " + level + ")");
    }
    if (!format.equals("text") && !format.equals("json")) {
      throw new IllegalArgumentException("logging.format must be text or json (got " + format
          + ")");
    }
  }

  public boolean json() {
    return format.equals("json");
  }
}
