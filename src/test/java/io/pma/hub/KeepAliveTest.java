package io.pma.hub;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class KeepAliveTest {
  private static final int PING_INTERVAL = 30;
  private static final int PONG_TIMEOUT = 10;
  private static final long SILENCE_LIMIT = seconds(PING_INTERVAL + PONG_TIMEOUT);
  private static final long START = 1_000_000L;

  private static long seconds(long seconds) {
    return TimeUnit.SECONDS.toNanos(seconds);
  }

  /** The answers to {@code question} at each of these clock readings in turn. */
  private static List<Boolean> answers(LongPredicate question, long... nanos) {
    return LongStream.of(nanos).mapToObj(question::test).toList();
  }

  @Test
  @DisplayName("dead after ping_interval + pong_timeout of silence, and not a nanosecond before")
  void deadAfterPingIntervalPlusPongTimeout() {
    KeepAlive keepAlive = new KeepAlive(PING_INTERVAL, PONG_TIMEOUT, START);
    assertThat(answers(keepAlive::dead, START + seconds(PING_INTERVAL), START + SILENCE_LIMIT,
        START + SILENCE_LIMIT + 1)).containsExactly(false, false, true);
  }

  @Test
  @DisplayName("anything heard from the peer restarts the silence")
  void hearingThePeerKeepsItAlive() {
    KeepAlive keepAlive = new KeepAlive(PING_INTERVAL, PONG_TIMEOUT, START);
    long heard = START + seconds(35);
    keepAlive.heard(heard);
    assertThat(answers(keepAlive::dead, START + SILENCE_LIMIT + 1, heard + SILENCE_LIMIT,
        heard + SILENCE_LIMIT + 1)).containsExactly(false, false, true);
  }

  @Test
  @DisplayName("a ping is due every ping_interval, counted from the last ping sent")
  void pingEveryInterval() {
    KeepAlive keepAlive = new KeepAlive(PING_INTERVAL, PONG_TIMEOUT, START);
    long due = START + seconds(PING_INTERVAL);
    long late = START + seconds(PING_INTERVAL * 2 + 15); // a tick that came late
    assertThat(answers(keepAlive::pingNow, START, due - 1, due, due, late,
        late + seconds(PING_INTERVAL) - 1, late + seconds(PING_INTERVAL)))
        .containsExactly(false, false, true, false, true, false, true);
  }

  @Test
  @DisplayName("nanoTime readings that wrap past Long.MAX_VALUE still time pings and silence")
  void wrappingClock() {
    long start = Long.MAX_VALUE - seconds(5);
    KeepAlive keepAlive = new KeepAlive(PING_INTERVAL, PONG_TIMEOUT, start);
    long due = start + seconds(PING_INTERVAL);
    assertThat(answers(keepAlive::pingNow, due - 1, due)).containsExactly(false, true);
    assertThat(answers(keepAlive::dead, start + SILENCE_LIMIT, start + SILENCE_LIMIT + 1))
        .containsExactly(false, true);
  }
}
