package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ResumeStateTest {

  @Test
  @DisplayName("only rising seqs count as delivered: an older replayed event is not recorded")
  void recordsRisingSeqsOnly() {
    ResumeState state = new ResumeState();
    state.recordDelivered(5);
    state.recordDelivered(9);
    state.recordDelivered(7); // replayed after 9 went out live
    assertThat(LongStream.rangeClosed(1, 10).filter(state::alreadyDelivered))
        .containsExactly(5L, 9L);
  }

  @Test
  @DisplayName("one hold at a time; ending it hands the held events back once")
  void oneHoldAtATime() {
    ResumeState state = new ResumeState();
    assertThat(state.held()).isNull();
    assertThat(state.startHolding(4)).isTrue();
    HeldEvents held = state.held();
    assertThat(held).isNotNull();
    assertThat(state.startHolding(4)).as("a second resume while one runs").isFalse();
    assertThat(state.held()).isSameAs(held);

    assertThat(state.stopHolding(0)).isSameAs(held);
    assertThat(state.held()).isNull();
    assertThat(state.stopHolding(0)).isNull();
    assertThat(state.startHolding(4)).isTrue();
  }

  @Test
  @DisplayName("a finished replay covers live events up to its last seq, and that never moves back")
  void replayedThroughOnlyRises() {
    ResumeState state = new ResumeState();
    assertThat(state.replayed(1)).isFalse();
    state.startHolding(4);
    state.stopHolding(20);
    assertThat(state.replayed(20)).isTrue();
    assertThat(state.replayed(21)).isFalse();

    state.startHolding(4);
    state.stopHolding(0); // a later resume that failed
    assertThat(state.replayed(20)).isTrue();
  }

  @Test
  @DisplayName("a waiting replay's continuation is handed out once")
  void continuationTakenOnce() {
    ResumeState state = new ResumeState();
    List<String> ran = new ArrayList<>();
    assertThat(state.waitingForWritable()).isFalse();
    state.whenWritable(() -> ran.add("replay"));
    assertThat(state.waitingForWritable()).isTrue();
    state.takeWhenWritable().run();
    assertThat(ran).containsExactly("replay");
    assertThat(state.waitingForWritable()).isFalse();
    assertThat(state.takeWhenWritable()).isNull();
  }
}
