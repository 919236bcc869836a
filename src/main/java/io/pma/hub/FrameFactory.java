package io.pma.hub;

/** Turns encoded JSON into a {@link Frame}; one per event loop (implementations may keep state). */
public interface FrameFactory {
  /** A frame holding {@code json}, with a reference count of one owned by the caller. */
  Frame text(byte[] json);

  /**
   * A piece of a message sent in fragments ({@link Connection#writeFragment}): {@code json} is
   * part of the message's text, shareable between messages and connections.
   */
  Frame piece(byte[] json);
}
