package io.pma.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.pma.hub.Connection;
import io.pma.hub.Frame;
import io.pma.protocol.CloseCode;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Connection} over one upgraded {@code /ws} channel. Messages bypass the frame encoders:
 * the shared frame bytes go straight into the channel below them (they are frames already), and
 * are flushed once per loop turn by the hub. Control frames (ping, close) pass the encoders. Runs
 * on the connection's event loop.
 */
final class NettyConnection implements Connection {
  /** Netty's name for the WebSocket frame encoder its handshake puts in the pipeline. */
  static final String FRAME_ENCODER = "wsencoder";

  /** The context of {@link WebSocketFrames}, at the end of the pipeline. */
  private final ChannelHandlerContext context;
  /**
   * Where pre-framed bytes enter the pipeline: at the frame encoder's context, so they pass only
   * the handlers nearer the socket (none in PMA's pipeline; TLS would be one), not the
   * compression and frame encoders that would only let them through. The hub writes and flushes
   * each connection once per event, so on the push path every hop counts.
   */
  private final ChannelHandlerContext frames;
  private final boolean deflate;
  private final long closeGraceMillis;
  private boolean closeSent;

  NettyConnection(ChannelHandlerContext context, boolean deflate, long closeGraceMillis) {
    this.context = context;
    ChannelHandlerContext encoder = context.pipeline().context(FRAME_ENCODER);
    this.frames = encoder != null ? encoder : context;
    this.deflate = deflate;
    this.closeGraceMillis = closeGraceMillis;
  }

  @Override
  public void write(Frame frame) {
    NettyFrame bytes = (NettyFrame) frame;
    frames.write(deflate ? bytes.deflatedBytes() : bytes.plainBytes(), frames.voidPromise());
  }

  @Override
  public void writeFragment(List<Frame> pieces, boolean first, boolean last) {
    int payload = 0;
    for (int i = 0; i < pieces.size(); i++) {
      payload += ((NettyPiece) pieces.get(i)).length(deflate, last && i == pieces.size() - 1);
    }
    frames.write(NettyFrames.fragmentHeader(context.alloc(), first, last, deflate, payload),
        frames.voidPromise());
    for (int i = 0; i < pieces.size(); i++) {
      frames.write(((NettyPiece) pieces.get(i)).bytes(deflate, last && i == pieces.size() - 1),
          frames.voidPromise());
    }
  }

  @Override
  public void flush() {
    frames.flush();
  }

  @Override
  public boolean writable() {
    return context.channel().isWritable();
  }

  @Override
  public void ping() {
    context.writeAndFlush(new PingWebSocketFrame(), context.voidPromise());
  }

  /**
   * Sends the close frame after what was written; the peer's answering close ends the channel
   * ({@link WebSocketFrames}), and a peer that neither reads nor answers loses it after the grace.
   */
  @Override
  public void close(CloseCode code) {
    if (closeSent) {
      return;
    }
    closeSent = true;
    context.writeAndFlush(new CloseWebSocketFrame(code.code(), code.reason()));
    context.executor().schedule(() -> context.close(), closeGraceMillis, TimeUnit.MILLISECONDS);
  }

  /**
   * A connection that stopped reading: the close frame is put on the wire after what the channel
   * already holds, and the channel is dropped if the peer does not finish the close in the grace.
   */
  @Override
  public void abort(CloseCode code) {
    close(code);
  }

  /** Whether this side sent its close frame (the peer's close then only ends the channel). */
  boolean closeSent() {
    return closeSent;
  }

  @Override
  public String remoteAddress() {
    SocketAddress address = context.channel().remoteAddress();
    return address instanceof InetSocketAddress inet
        ? inet.getAddress().getHostAddress() + ":" + inet.getPort() : null;
  }
}
