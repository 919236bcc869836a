package io.pma.history;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class NumericStateTest {
  @Test
  @DisplayName("plain decimals are packed and come back as exactly the same text")
  void roundTrip() {
    for (String text : new String[] {"20.05", "20.50", "-3", "-0.05", "0.001", "1000", "0",
        "123456789.123456", "-21.5", "0.0", "99999999999"}) {
      Long packed = NumericState.pack(text);
      assertThat(packed).as(text).isNotNull();
      assertThat(NumericState.unpack(packed)).isEqualTo(text);
      assertThat(NumericState.toDouble(packed)).isEqualTo(Double.parseDouble(text));
    }
  }

  @Test
  @DisplayName("texts that would not come back identical stay text")
  void notPacked() {
    for (String text : new String[] {"on", "1e3", "+5", "007", "-0", ".5", "5.", "1 000", "NaN",
        "-", "", "12345678901234567890.5", "0.1234567890123456"}) {
      assertThat(NumericState.pack(text)).as(text).isNull();
    }
  }
}
