package io.pma.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.pma.hub.Connection;
import io.pma.hub.Frame;
import io.pma.hub.FrameFactory;
import io.pma.protocol.CloseCode;

/**
 * The real pre-framed frames of the transport, and a connection that takes the same bytes a
 * Netty channel would (a retained duplicate per write) and drops them, for the microbenchmarks.
 * Bench sources only.
 */
public final class BenchTransport {
  private BenchTransport() {}

  public static FrameFactory frames() {
    return new NettyFrames(PooledByteBufAllocator.DEFAULT, WebSocketTransport.COMPRESSION_LEVEL);
  }

  /**
   * A connection that discards what it gets; with {@code writable} false it never takes output,
   * so everything queues (a stalled consumer).
   */
  public static Connection discarding(boolean deflate, boolean writable) {
    return new Connection() {
      @Override
      public void write(Frame frame) {
        NettyFrame bytes = (NettyFrame) frame;
        ByteBuf written = deflate ? bytes.deflatedBytes() : bytes.plainBytes();
        written.release();
      }

      @Override
      public void writeFragment(java.util.List<Frame> pieces, boolean first, boolean last) {
        for (int i = 0; i < pieces.size(); i++) {
          ((NettyPiece) pieces.get(i)).bytes(deflate, last && i == pieces.size() - 1).release();
        }
      }

      @Override
      public void flush() {}

      @Override
      public boolean writable() {
        return writable;
      }

      @Override
      public void ping() {}

      @Override
      public void close(CloseCode code) {}

      @Override
      public void abort(CloseCode code) {}

      @Override
      public String remoteAddress() {
        return "bench";
      }
    };
  }

  /** Plain frame bytes of {@code frame} (for checking an encoding). */
  public static ByteBuf plain(Frame frame) {
    return ((NettyFrame) frame).plainBytes();
  }

  /** The permessage-deflate frame bytes of {@code frame}. */
  public static ByteBuf deflated(Frame frame) {
    return ((NettyFrame) frame).deflatedBytes();
  }
}
