package io.pma.adapter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  @DisplayName("backoff doubles up to the bound, with jitter between half and all of it")
  void doublesWithJitter() {
    Backoff low = new Backoff(100, 1_000, () -> 0.0);
    Backoff high = new Backoff(100, 1_000, () -> 0.999999);
    List<Long> lows = new ArrayList<>();
    List<Long> highs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      lows.add(low.nextDelayMs());
      highs.add(high.nextDelayMs());
    }
    assertThat(lows).containsExactly(50L, 100L, 200L, 400L, 500L, 500L);
    assertThat(highs).containsExactly(99L, 199L, 399L, 799L, 999L, 999L);
    assertThat(low.failures()).isEqualTo(6);
    low.reset();
    assertThat(low.failures()).isZero();
    assertThat(low.nextDelayMs()).isEqualTo(50L);
  }

  @Test
  @DisplayName("many failures stay at the maximum (no overflow); the default jitter stays in range")
  void staysBounded() {
    Backoff forever = new Backoff(1_000, 60_000, () -> 0.5);
    for (int i = 0; i < 100; i++) {
      assertThat(forever.nextDelayMs()).isBetween(i < 6 ? 500L : 30_000L, 60_000L);
    }
    Backoff random = new Backoff(100, 1000);
    for (long step : new long[] {100, 200, 400, 800, 1000, 1000}) {
      assertThat(random.nextDelayMs()).isBetween(step / 2, step);
    }
  }
}
