package io.pma.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CronExpressionTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /** The next firing after a Berlin local time, as Berlin local time text. */
  private static String next(String cron, String afterLocal) {
    ZonedDateTime after = LocalDateTime.parse(afterLocal).atZone(BERLIN);
    return CronExpression.parse(cron).next(after.toInstant(), BERLIN).orElseThrow()
        .toLocalDateTime().toString();
  }

  @Test
  @DisplayName("steps, ranges, lists and names")
  void fields() {
    assertThat(next("*/15 * * * *", "2026-03-02T07:29:30")).isEqualTo("2026-03-02T07:30");
    assertThat(next("*/15 * * * *", "2026-03-02T07:30")).isEqualTo("2026-03-02T07:45");
    assertThat(next("0 7 * * mon-fri", "2026-03-06T08:00")).isEqualTo("2026-03-09T07:00");
    assertThat(next("5,10-14/2 * * * *", "2026-03-02T07:10")).isEqualTo("2026-03-02T07:12");
    assertThat(next("0 0 1 jan,jul *", "2026-03-02T07:00")).isEqualTo("2026-07-01T00:00");
    assertThat(next("0 0 * * 7", "2026-03-02T07:00")).isEqualTo("2026-03-08T00:00");
    assertThat(next("0 0 * * sun", "2026-03-02T07:00")).isEqualTo("2026-03-08T00:00");
    assertThat(next("30 6/6 * * *", "2026-03-02T07:00")).isEqualTo("2026-03-02T12:30");
  }

  @Test
  @DisplayName("when both day fields are restricted, either one matching is enough")
  void dayFieldsAreOr() {
    assertThat(next("0 12 13 * fri", "2026-03-01T00:00")).isEqualTo("2026-03-06T12:00");
    assertThat(next("0 12 13 * fri", "2026-03-12T13:00")).isEqualTo("2026-03-13T12:00");
    assertThat(next("0 12 */10 * *", "2026-03-02T00:00")).isEqualTo("2026-03-11T12:00");
  }

  @Test
  @DisplayName("rare dates are found; a local time skipped by daylight saving is skipped")
  void rareDatesAndDaylightSaving() {
    assertThat(next("0 0 29 2 *", "2026-03-02T00:00")).isEqualTo("2028-02-29T00:00");
    // 2026-03-29 02:00-03:00 does not exist in Berlin.
    assertThat(next("30 2 * * *", "2026-03-29T00:00")).isEqualTo("2026-03-30T02:30");
    assertThat(next("*/30 * * * *", "2026-03-29T01:45")).isEqualTo("2026-03-29T03:00");
  }

  @Test
  @DisplayName("invalid expressions are rejected with the field named")
  void invalid() {
    assertThatThrownBy(() -> CronExpression.parse("*/0 * * * *"))
        .hasMessage("minute '0' is not a value from 1 to 60");
    assertThatThrownBy(() -> CronExpression.parse("a b c d e"))
        .hasMessage("minute 'a' is not a value from 0 to 59");
    assertThatThrownBy(() -> CronExpression.parse("0 24 * * *"))
        .hasMessage("hour '24' is not a value from 0 to 23");
    assertThatThrownBy(() -> CronExpression.parse("0 0 0 * *"))
        .hasMessage("day of month '0' is not a value from 1 to 31");
    assertThatThrownBy(() -> CronExpression.parse("0 0 * 13 *"))
        .hasMessage("month '13' is not a value from 1 to 12");
    assertThatThrownBy(() -> CronExpression.parse("0 0 30 2 *"))
        .hasMessage("never matches a real date");
    assertThatThrownBy(() -> CronExpression.parse("0 0 * * * *"))
        .hasMessage("must have 5 fields: minute hour day-of-month month day-of-week");
    assertThatThrownBy(() -> CronExpression.parse("1,,2 * * * *"))
        .hasMessage("minute '' is not a value from 0 to 59");
  }
}
