package io.pma.transport;

import io.netty.buffer.ByteBuf;

/**
 * One text message as complete WebSocket frame bytes (header included), shared by every
 * connection it is written to: each write takes a retained duplicate of the same buffer. The
 * permessage-deflate form is made at most once, the first time a compressing connection needs it.
 * Confined to the event loop of the {@link NettyFrames} that made it.
 */
final class NettyFrame extends RefCountedFrame {
  private final NettyFrames factory;
  private final ByteBuf plain;
  private final int payloadOffset;
  private final int size;
  private ByteBuf deflated;

  NettyFrame(NettyFrames factory, ByteBuf plain, int payloadOffset, int size) {
    this.factory = factory;
    this.plain = plain;
    this.payloadOffset = payloadOffset;
    this.size = size;
  }

  @Override
  void deallocate() {
    plain.release();
    if (deflated != null && deflated != plain) {
      deflated.release();
    }
  }

  @Override
  public int size() {
    return size;
  }

  /** Bytes for a connection without compression. */
  ByteBuf plainBytes() {
    return plain.retainedDuplicate();
  }

  /** Bytes for a connection that negotiated permessage-deflate. */
  ByteBuf deflatedBytes() {
    if (deflated == null) {
      deflated = factory.deflate(plain, payloadOffset, size);
    }
    return deflated.retainedDuplicate();
  }
}
