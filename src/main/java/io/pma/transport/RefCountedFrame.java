package io.pma.transport;

import io.pma.hub.Frame;

/**
 * The reference count of the transport's frames, confined to the event loop that made them (no
 * atomics): every writer retains, every written copy releases, and the last release frees the
 * frame's buffers.
 */
abstract class RefCountedFrame implements Frame {
  private int references = 1;

  @Override
  public final Frame retain() {
    references++;
    return this;
  }

  @Override
  public final void release() {
    if (--references == 0) {
      deallocate();
    }
  }

  /** Frees the buffers; called once, at the last release. */
  abstract void deallocate();
}
