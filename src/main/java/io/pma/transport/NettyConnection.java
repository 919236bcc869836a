package io.pma.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.pma.hub.Connection;
import io.pma.hub.Frame;
import io.pma.protocol.CloseCode;
import io.vertx.core.http.ServerWebSocket;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Connection} over one Vert.x server WebSocket. Messages bypass Vert.x's per-message write
 * path: the shared frame bytes go straight into the Netty channel (below Vert.x's handler, above the
 * frame encoders, which let ready bytes through), and are flushed once per loop turn by the hub.
 * Runs on the connection's event loop.
 */
final class NettyConnection implements Connection {
  private final ServerWebSocket webSocket;
  private final ChannelHandlerContext context;
  private final boolean deflate;
  private final long abortGraceMillis;

  NettyConnection(ServerWebSocket webSocket, ChannelHandlerContext context, boolean deflate,
      long abortGraceMillis) {
    this.webSocket = webSocket;
    this.context = context;
    this.deflate = deflate;
    this.abortGraceMillis = abortGraceMillis;
  }

  @Override
  public void write(Frame frame) {
    NettyFrame bytes = (NettyFrame) frame;
    context.write(deflate ? bytes.deflatedBytes() : bytes.plainBytes(), context.voidPromise());
  }

  @Override
  public void flush() {
    context.flush();
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
