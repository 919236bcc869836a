package io.pma.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.pma.hub.Connection;
import io.pma.hub.Frame;
import io.pma.protocol.CloseCode;
import io.vertx.core.http.ServerWebSocket;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Connection} over one Vert.x server WebSocket. Messages bypass Vert.x's per-message write
 * path: the shared frame bytes go straight into the Netty channel below the frame encoders (they
 * are frames already), and are flushed once per loop turn by the hub. Control frames (ping, close)
 * still pass the encoders. Runs on the connection's event loop.
 */
final class NettyConnection implements Connection {
  /** Vert.x's name for the WebSocket frame encoder in the channel pipeline. */
  static final String FRAME_ENCODER = "wsencoder";

  private final ServerWebSocket webSocket;
  private final ChannelHandlerContext context;
  /**
   * Where pre-framed bytes enter the pipeline: at the frame encoder's context, so they pass only
   * the handlers nearer the socket (none in PMA's pipeline; TLS would be one), not the
   * compression and frame encoders that would only let them through. The hub writes and flushes
   * each connection once per event, so on the push path every hop counts.
   */
  private final ChannelHandlerContext frames;
  private final boolean deflate;
  private final long abortGraceMillis;

  NettyConnection(ServerWebSocket webSocket, ChannelHandlerContext context, boolean deflate,
      long abortGraceMillis) {
    this.webSocket = webSocket;
    this.context = context;
    ChannelHandlerContext encoder = context.pipeline().context(FRAME_ENCODER);
    this.frames = encoder != null ? encoder : context;
    this.deflate = deflate;
    this.abortGraceMillis = abortGraceMillis;
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
    frames.write(NettyFrames.fragmentHeader(context.alloc(), first, last, deflate, payload), frames.voidPromise());
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

  @Override
  public void close(CloseCode code) {
    if (!writable()) {
      abort(code); // Vert.x would queue the close frame behind a buffer that is not draining
      return;
    }
    webSocket.close((short) code.code(), code.reason());
  }

  @Override
  public void abort(CloseCode code) {
    context.writeAndFlush(new CloseWebSocketFrame(code.code(), code.reason()));
    // A peer that neither reads nor answers the close loses the connection after the grace.
    // Closing from this context skips Vert.x's own handler, which would start another close
    // handshake (and wait for it) instead of dropping the channel.
    context.executor().schedule(() -> context.close(), abortGraceMillis, TimeUnit.MILLISECONDS);
  }

  @Override
  public String remoteAddress() {
    var address = webSocket.remoteAddress();
    return address == null ? null : address.hostAddress() + ":" + address.port();
  }
}
