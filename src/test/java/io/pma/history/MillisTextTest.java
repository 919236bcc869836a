package io.pma.history;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.domain.Json;
import java.time.Instant;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MillisTextTest {
  @Test
  @DisplayName("writes exactly what Json.formatInstant writes, across days and before 1970")
  void sameAsTheProjectFormat() {
    MillisText text = new MillisText();
    Random random = new Random(7);
    long[] fixed = {0, -1, 86_399_999, 86_400_000, 1_772_445_600_000L, 253_402_300_799_999L};
    for (long ms : fixed) {
      assertThat(text.format(ms)).isEqualTo(Json.formatInstant(Instant.ofEpochMilli(ms)));
    }
    for (int i = 0; i < 10_000; i++) {
      long ms = random.nextLong(-2_000_000_000_000L, 4_000_000_000_000L);
      assertThat(text.format(ms)).isEqualTo(Json.formatInstant(Instant.ofEpochMilli(ms)));
    }
  }
}
