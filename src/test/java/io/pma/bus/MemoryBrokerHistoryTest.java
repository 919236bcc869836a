package io.pma.bus;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.TestClock;
import io.pma.domain.EntityId;
import io.pma.domain.EntityRemoved;
import java.time.Duration;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MemoryBrokerHistoryTest {
  private final TestClock clock = new TestClock();

  private static EntityRemoved removed(int n) {
    return new EntityRemoved(EntityId.parse("light.l" + n), "test");
  }

  private static History read(Broker broker, long afterSeq) {
    return broker.history(afterSeq).join();
  }

  /** A client that saw up to {@code lastSeq} can resume from {@code history}, one before cannot. */
  private static void assertReachesBackTo(History history, long lastSeq) {
    assertThat(history.reaches(lastSeq)).isTrue();
    assertThat(history.reaches(lastSeq - 1)).isFalse();
  }

  @Test
  @DisplayName("the history returns the events after a seq in order, with the broker's last seq")
  void eventsAfterSeq() {
    MemoryBroker broker = new MemoryBroker(clock, 100, Duration.ofMinutes(10));
    for (int i = 1; i <= 5; i++) {
      broker.publish(removed(i));
    }
    History history = read(broker, 2);
    assertThat(history.events()).extracting(Published::seq).containsExactly(3L, 4L, 5L);
    assertThat(history.events().get(0).event()).isEqualTo(removed(3));
    assertThat(history.oldestSeq()).isEqualTo(1);
    assertThat(history.lastSeq()).isEqualTo(5);
    assertThat(history.reaches(2)).isTrue();
    assertThat(read(broker, 5).events()).isEmpty();
    assertThat(read(broker, 5).reaches(5)).isTrue();
  }

  @Test
  @DisplayName("the history keeps at most history_size events: older seqs no longer reach")
  void boundedByCount() {
    MemoryBroker broker = new MemoryBroker(clock, 3, Duration.ofMinutes(10));
    for (int i = 1; i <= 10; i++) {
      broker.publish(removed(i));
    }
    History history = read(broker, 0);
    assertThat(history.events()).extracting(Published::seq).containsExactly(8L, 9L, 10L);
    assertThat(history.oldestSeq()).isEqualTo(8);
    assertReachesBackTo(history, 7);
  }

  @Test
  @DisplayName("events older than history_seconds leave the history")
  void boundedByAge() {
    MemoryBroker broker = new MemoryBroker(clock, 100, Duration.ofSeconds(60));
    broker.publish(removed(1));
    broker.publish(removed(2));
    clock.advance(Duration.ofSeconds(30));
    broker.publish(removed(3));
    clock.advance(Duration.ofSeconds(31));
    History history = read(broker, 0);
    assertThat(history.events()).extracting(Published::seq).containsExactly(3L);
    assertReachesBackTo(history, 2);
    clock.advance(Duration.ofSeconds(60));
    History empty = read(broker, 0);
    assertThat(empty.events()).isEmpty();
    assertThat(empty.oldestSeq()).isEqualTo(4);
    assertReachesBackTo(empty, 3);
  }

  @Test
  @DisplayName("a client ahead of the broker (seq from before a restart) is not reached")
  void clientAhead() {
    MemoryBroker broker = new MemoryBroker(clock, 100, Duration.ofMinutes(10));
    broker.publish(removed(1));
    assertThat(read(broker, 7).reaches(7)).isFalse();
  }
}
