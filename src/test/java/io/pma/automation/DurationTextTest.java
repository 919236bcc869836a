package io.pma.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DurationTextTest {
  @Test
  @DisplayName("units, combinations and clock form are read; written in the shortest exact unit")
  void readAndWrite() {
    assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationText.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(DurationText.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationText.parse("01:02:03")).isEqualTo(Duration.ofSeconds(3723));
    assertThat(DurationText.ofSeconds(1.25)).isEqualTo(Duration.ofMillis(1250));
    assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(DurationText.format(Duration.ofMinutes(90))).isEqualTo("90m");
    assertThat(DurationText.format(Duration.ofHours(2))).isEqualTo("2h");
    assertThat(DurationText.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
    assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
  }

  @Test
  @DisplayName("anything else is rejected")
  void invalid() {
    for (String text : new String[] {"", "2", "2 s", "s", "2d", "1h 30m", "-1s", "1:2:3"}) {
      assertThatThrownBy(() -> DurationText.parse(text)).as(text)
          .isInstanceOf(IllegalArgumentException.class);
    }
    assertThatThrownBy(() -> DurationText.ofSeconds(-0.5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
