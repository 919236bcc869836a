package io.pma.hub;

/**
 * A frame that only counts its references, as the transport's frames do: tests check that the
 * queue releases every reference it retained.
 */
final class CountedFrame implements Frame {
  private final int size;
  int references = 1;

  CountedFrame(int size) {
    this.size = size;
  }

  @Override
  public Frame retain() {
    references++;
    return this;
  }

  @Override
  public void release() {
    references--;
  }

  @Override
  public int size() {
    return size;
  }
}
