package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Which seqs a connection received, kept as runs of consecutive seqs. */
class DeliveredSeqsTest {
  private final DeliveredSeqs seqs = new DeliveredSeqs();

  @Test
  @DisplayName("consecutive seqs are one run, however many; gaps are not contained")
  void runs() {
    for (long seq = 10; seq < 100_010; seq++) {
      seqs.add(seq);
    }
    seqs.add(100_020);
    seqs.add(100_021);
    assertThat(seqs.runs()).isEqualTo(2);
    assertThat(seqs.contains(9)).isFalse();
    assertThat(seqs.contains(10)).isTrue();
    assertThat(seqs.contains(100_009)).isTrue();
    assertThat(seqs.contains(100_010)).isFalse();
    assertThat(seqs.contains(100_019)).isFalse();
    assertThat(seqs.contains(100_020)).isTrue();
    assertThat(seqs.contains(100_021)).isTrue();
    assertThat(seqs.contains(100_022)).isFalse();
  }

  @Test
  @DisplayName("sparse seqs stop being recorded after MAX_RUNS; the recorded ones stay exact")
  void sparseIsBounded() {
    for (int i = 0; i < DeliveredSeqs.MAX_RUNS + 10; i++) {
      seqs.add(2L * i + 1);
    }
    assertThat(seqs.runs()).isEqualTo(DeliveredSeqs.MAX_RUNS);
    assertThat(seqs.contains(1)).isTrue();
    assertThat(seqs.contains(2)).isFalse();
    assertThat(seqs.contains(2L * (DeliveredSeqs.MAX_RUNS - 1) + 1)).isTrue();
    assertThat(seqs.contains(2L * DeliveredSeqs.MAX_RUNS + 1)).isFalse();
  }

  @Test
  @DisplayName("nothing recorded: nothing contained")
  void empty() {
    assertThat(seqs.contains(0)).isFalse();
    assertThat(seqs.contains(1)).isFalse();
  }
}
