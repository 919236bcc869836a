package io.pma.automation;

import com.fasterxml.jackson.annotation.JsonValue;
import java.time.DayOfWeek;
import java.util.Locale;
import java.util.Optional;

/** A weekday as rules write it: {@code mon} ... {@code sun}. */
public enum Weekday {
  MON(DayOfWeek.MONDAY), TUE(DayOfWeek.TUESDAY), WED(DayOfWeek.WEDNESDAY),
  THU(DayOfWeek.THURSDAY), FRI(DayOfWeek.FRIDAY), SAT(DayOfWeek.SATURDAY), SUN(DayOfWeek.SUNDAY);

  private final DayOfWeek day;

  Weekday(DayOfWeek day) {
    this.day = day;
  }

  public DayOfWeek day() {
    return day;
  }

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Weekday> fromWireName(String name) {
    for (Weekday weekday : values()) {
      if (weekday.wireName().equals(name)) {
        return Optional.of(weekday);
      }
    }
    return Optional.empty();
  }
}
