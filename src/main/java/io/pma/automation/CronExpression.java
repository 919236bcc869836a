package io.pma.automation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A classic five-field cron schedule: minute, hour, day of month, month, day of week. Fields
 * take {@code *}, numbers, ranges {@code a-b}, steps {@code /n} and lists {@code a,b}; months and
 * weekdays also take names ({@code jan}, {@code mon}); weekday 0 and 7 are Sunday. As in the
 * traditional cron, when both day fields are restricted (neither starts with {@code *}) a day
 * matching either one fires; otherwise a day must match both. Immutable.
 */
public final class CronExpression {
  private static final List<String> MONTHS = List.of("jan", "feb", "mar", "apr", "may", "jun",
      "jul", "aug", "sep", "oct", "nov", "dec");
  private static final List<String> DAYS = List.of("sun", "mon", "tue", "wed", "thu", "fri", "sat");
  /** Long enough for a leap day that must also fall on a given weekday. */
  private static final int SEARCH_YEARS = 30;

  private final String text;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean anyDayOfMonth;
  private final boolean anyDayOfWeek;

  private CronExpression(String text, String[] fields) {
    this.text = text;
    this.minutes = field("minute", fields[0], 0, 59, List.of());
    this.hours = field("hour", fields[1], 0, 23, List.of());
    this.daysOfMonth = field("day of month", fields[2], 1, 31, List.of());
    this.months = field("month", fields[3], 1, 12, MONTHS);
    BitSet weekdays = field("day of week", fields[4], 0, 7, DAYS);
    if (weekdays.get(7)) {
      weekdays.set(0);
    }
    this.daysOfWeek = weekdays;
    this.anyDayOfMonth = fields[2].startsWith("*");
    this.anyDayOfWeek = fields[4].startsWith("*");
  }

  /** Parses an expression; throws {@link IllegalArgumentException} naming the bad field. */
  public static CronExpression parse(String text) {
    String[] fields = text.trim().split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException(
          "must have 5 fields: minute hour day-of-month month day-of-week");
    }
    CronExpression cron = new CronExpression(text.trim(), fields);
    ZonedDateTime probe = ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneId.of("UTC"));
    if (cron.next(probe.toInstant(), probe.getZone()).isEmpty()) {
      throw new IllegalArgumentException("never matches a real date");
    }
    return cron;
  }

  private static BitSet field(String name, String spec, int min, int max, List<String> names) {
    BitSet bits = new BitSet(max + 1);
    for (String item : spec.split(",", -1)) {
      int slash = item.indexOf('/');
      String range = slash < 0 ? item : item.substring(0, slash);
      int step = slash < 0 ? 1 : number(name, item.substring(slash + 1), 1, max + 1, List.of());
      int from;
      int to;
      if ("*".equals(range)) {
        from = min;
        to = max;
      } else if (range.indexOf('-') > 0) {
        from = number(name, range.substring(0, range.indexOf('-')), min, max, names);
        to = number(name, range.substring(range.indexOf('-') + 1), min, max, names);
        if (to < from) {
          throw new IllegalArgumentException(name + " range '" + range + "' runs backwards");
        }
      } else {
        from = number(name, range, min, max, names);
        to = slash < 0 ? from : max;
      }
      for (int value = from; value <= to; value += step) {
        bits.set(value);
      }
    }
    return bits;
  }

  private static int number(String name, String text, int min, int max, List<String> names) {
    int index = names.indexOf(text.toLowerCase(Locale.ROOT));
    if (index >= 0) {
      return names == MONTHS ? index + 1 : index;
    }
    try {
      int value = Integer.parseInt(text);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below with the field's name
    }
    throw new IllegalArgumentException(name + " '" + text + "' is not a value from " + min
        + " to " + max);
  }

  /** The first matching minute strictly after {@code after}, in {@code zone}'s local time. */
  public Optional<ZonedDateTime> next(Instant after, ZoneId zone) {
    LocalDateTime t = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES)
        .plusMinutes(1);
    int lastYear = t.getYear() + SEARCH_YEARS;
    while (t.getYear() <= lastYear) {
      if (!months.get(t.getMonthValue())) {
        t = t.withDayOfMonth(1).toLocalDate().atStartOfDay().plusMonths(1);
      } else if (!dayMatches(t)) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
      } else if (!hours.get(t.getHour())) {
        t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
      } else if (!minutes.get(t.getMinute())) {
        t = t.plusMinutes(1);
      } else {
        ZonedDateTime zoned = ZonedDateTime.of(t, zone);
        // A local time inside a daylight-saving gap does not exist: skip it.
        if (zoned.toLocalDateTime().equals(t) && zoned.toInstant().isAfter(after)) {
          return Optional.of(zoned);
        }
        t = t.plusMinutes(1);
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDateTime t) {
    boolean dom = daysOfMonth.get(t.getDayOfMonth());
    boolean dow = daysOfWeek.get(t.getDayOfWeek().getValue() % 7);
    // A field written with '*' (also '*/n') does not widen the other: both must match then.
    return anyDayOfMonth || anyDayOfWeek ? dom && dow : dom || dow;
  }

  @JsonValue
  @Override
  public String toString() {
    return text;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CronExpression c && c.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }
}
