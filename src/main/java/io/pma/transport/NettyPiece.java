package io.pma.transport;

import io.netty.buffer.ByteBuf;

/**
 * A part of a message that is sent in fragments (a snapshot): its payload without any frame
 * header, shared by every connection it is written to, and its permessage-deflate form made at
 * most once. The deflated form is a sync-flushed run of deflate blocks that refers to nothing
 * before it, so any sequence of pieces concatenates into one valid deflate stream; only the
 * message's last piece drops the {@code 00 00 ff ff} tail (RFC 7692 section 7.2.1). Confined to the
 * event loop of the {@link NettyFrames} that made it.
 */
final class NettyPiece extends RefCountedFrame {
  /** The empty stored block that ends every sync flush. */
  static final int DEFLATE_TAIL = 4;

  private final NettyFrames factory;
  private final ByteBuf plain;
  private ByteBuf deflated;

  NettyPiece(NettyFrames factory, ByteBuf plain) {
    this.factory = factory;
    this.plain = plain;
  }

  @Override
  void deallocate() {
    plain.release();
    if (deflated != null) {
      deflated.release();
    }
  }

  @Override
  public int size() {
    return plain.readableBytes();
  }

  /** Payload bytes in the form a connection sends ({@code last}: the tail dropped). */
  int length(boolean deflate, boolean last) {
    if (!deflate) {
      return plain.readableBytes();
    }
    return deflated().readableBytes() - (last ? DEFLATE_TAIL : 0);
  }

  /** A retained view of the payload in the form a connection sends. */
  ByteBuf bytes(boolean deflate, boolean last) {
    if (!deflate) {
      return plain.retainedDuplicate();
    }
    ByteBuf form = deflated();
    return last ? form.retainedSlice(form.readerIndex(), form.readableBytes() - DEFLATE_TAIL)
        : form.retainedDuplicate();
  }

  private ByteBuf deflated() {
    if (deflated == null) {
      deflated = factory.deflatePiece(plain);
    }
    return deflated;
  }
}
