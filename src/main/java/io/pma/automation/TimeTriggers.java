package io.pma.automation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/** When a time, cron or interval trigger fires next. Pure functions of the trigger and instants. */
final class TimeTriggers {
  private TimeTriggers() {}

  /**
   * The first firing strictly after {@code after}; {@code anchor} is when an interval started.
   * Null when the trigger is not time-based.
   */
  static Instant next(Trigger trigger, Instant after, Instant anchor, ZoneId zone) {
    if (trigger instanceof Trigger.Time t) {
      LocalDate day = after.atZone(zone).toLocalDate();
      ZonedDateTime candidate = ZonedDateTime.of(day, t.at(), zone);
      while (!candidate.toInstant().isAfter(after)) {
        day = day.plusDays(1);
        candidate = ZonedDateTime.of(day, t.at(), zone);
      }
      return candidate.toInstant();
    } else if (trigger instanceof Trigger.Cron c) {
      return c.cron().next(after, zone).map(ZonedDateTime::toInstant).orElse(null);
    } else if (trigger instanceof Trigger.Interval i) {
      long every = i.every().toMillis();
      long elapsed = Math.max(0, Duration.between(anchor, after).toMillis());
      return anchor.plusMillis((elapsed / every + 1) * every);
    }
    return null;
  }
}
