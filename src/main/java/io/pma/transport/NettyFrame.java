package io.pma.transport;

import io.netty.buffer.ByteBuf;
import io.pma.hub.Frame;

/**
 * One text message as complete WebSocket frame bytes (header included), shared by every
 * connection it is written to: each write takes a retained duplicate of the same buffer. The
 * permessage-deflate form is made at most once, the first time a compressing connection needs it.
 * Confined to the event loop of the {@link NettyFrames} that made it.
 */
final class NettyFrame implements Frame {
  private final NettyFrames factory;
  private final ByteBuf plain;
  private final int payloadOffset;
  private final int size;
  private ByteBuf deflated;
  private int references = 1;

  NettyFrame(NettyFrames factory, ByteBuf plain, int payloadOffset, int size) {
    this.factory = factory;
    this.plain = plain;
    this.payloadOffset = payloadOffset;
    this.size = size;
  }

  @Override
  public Frame retain() {
    references++;
    return this;
  }

  @Override
  public void release() {
    if (--references == 0) {
      plain.release();
      if (deflated != null && deflated != plain) {
        deflated.release();
      }
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
