package io.pma.automation;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as rules write them: {@code "500ms"}, {@code "2s"}, {@code "1h30m"},
 * {@code "00:05:00"}, or a JSON number of seconds. Written back in the shortest exact unit
 * ({@code "90s"}, {@code "5m"}).
 */
public final class DurationText {
  private static final Pattern UNITS = Pattern.compile("(\\d{1,9})(ms|s|m|h)");
  private static final Pattern CLOCK = Pattern.compile("(\\d{1,3}):([0-5]\\d):([0-5]\\d)");

  private DurationText() {}

  /** Parses the text form; throws {@link IllegalArgumentException} with a reason. */
  public static Duration parse(String text) {
    Matcher clock = CLOCK.matcher(text);
    if (clock.matches()) {
      return Duration.ofHours(Long.parseLong(clock.group(1)))
          .plusMinutes(Long.parseLong(clock.group(2)))
          .plusSeconds(Long.parseLong(clock.group(3)));
    }
    Matcher units = UNITS.matcher(text);
    Duration total = Duration.ZERO;
    int end = 0;
    while (units.find() && units.start() == end) {
      total = total.plus(unit(Long.parseLong(units.group(1)), units.group(2)));
      end = units.end();
    }
    if (end == 0 || end != text.length()) {
      throw new IllegalArgumentException(
          "must be a duration such as \"500ms\", \"2s\", \"1h30m\" or \"00:05:00\"");
    }
    return total;
  }

  /** A number of seconds (fractions down to milliseconds). */
  public static Duration ofSeconds(double seconds) {
    if (seconds < 0 || Double.isNaN(seconds) || seconds > 1e9) {
      throw new IllegalArgumentException("must be a non-negative number of seconds");
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  private static Duration unit(long amount, String unit) {
    switch (unit) {
      case "ms": return Duration.ofMillis(amount);
      case "s": return Duration.ofSeconds(amount);
      case "m": return Duration.ofMinutes(amount);
      default: return Duration.ofHours(amount);
    }
  }

  public static String format(Duration duration) {
    long millis = duration.toMillis();
    if (millis % 1000 != 0) {
      return millis + "ms";
    }
    long seconds = millis / 1000;
    if (seconds != 0 && seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds != 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds + "s";
  }

  /** Writes a {@link Duration} field in the text form. */
  public static final class Serializer extends JsonSerializer<Duration> {
    @Override
    public void serialize(Duration value, JsonGenerator gen, SerializerProvider provider)
        throws IOException {
      gen.writeString(format(value));
    }
  }
}
