package io.pma.hub;

import java.util.Arrays;

/**
 * The seqs of the first events a connection received (at most {@link #CAPACITY}), ascending: a
 * resume sent after live events already arrived must not send those again. Clients resume right
 * after subscribing, so the first few thousand are all that matter; the array grows on demand so
 * that idle connections cost nothing. Confined to the session's event loop.
 */
final class DeliveredSeqs {
  static final int CAPACITY = 4096;
  private long[] seqs;
  private int count;

  void add(long seq) {
    if (count == CAPACITY) {
      return;
    }
    if (seqs == null) {
      seqs = new long[16];
    } else if (count == seqs.length) {
      seqs = Arrays.copyOf(seqs, Math.min(CAPACITY, seqs.length * 2));
    }
    seqs[count++] = seq;
  }

  boolean contains(long seq) {
    return count > 0 && Arrays.binarySearch(seqs, 0, count, seq) >= 0;
  }
}
