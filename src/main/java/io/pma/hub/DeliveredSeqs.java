package io.pma.hub;

import java.util.Arrays;

/**
 * The seqs a connection received, ascending, as runs of consecutive seqs: a resume sent after live
 * events already arrived must not send those again. A connection subscribed to most of what is
 * published receives long runs, so it costs one run however many events it got; one with a sparse
 * subscription costs one run per event, and recording stops after {@link #MAX_RUNS} of them
 * (clients resume right after subscribing, so the first few thousand are what matter). The arrays
 * grow on demand, so idle connections cost nothing.
 *
 * <p>One seq per slot (the earlier form) made every busy connection grow an array to 32 KiB within
 * its first 4,096 events, all connections in step since they receive the same events: at 1,000
 * subscribers 16–32 MB of live arrays that young collections had to copy at once. Confined to the
 * session's event loop.
 */
final class DeliveredSeqs {
  static final int MAX_RUNS = 4096;
  private long[] starts;
  private int[] lengths;
  private int runs;

  /** Records {@code seq}, which is above every seq recorded so far. */
  void add(long seq) {
    if (runs > 0 && seq == starts[runs - 1] + lengths[runs - 1]) {
      lengths[runs - 1]++;
      return;
    }
    if (runs == MAX_RUNS) {
      return;
    }
    if (starts == null) {
      starts = new long[4];
      lengths = new int[4];
    } else if (runs == starts.length) {
      int grown = Math.min(MAX_RUNS, runs * 2);
      starts = Arrays.copyOf(starts, grown);
      lengths = Arrays.copyOf(lengths, grown);
    }
    starts[runs] = seq;
    lengths[runs] = 1;
    runs++;
  }

  boolean contains(long seq) {
    if (runs == 0) {
      return false;
    }
    int found = Arrays.binarySearch(starts, 0, runs, seq);
    int run = found >= 0 ? found : -found - 2; // the last run starting at or below seq
    return run >= 0 && seq - starts[run] < lengths[run];
  }

  /** Runs held (for tests and the memory estimate). */
  int runs() {
    return runs;
  }
}
