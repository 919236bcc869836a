package io.pma.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.ContinuationWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.pma.hub.Session;
import java.io.ByteArrayOutputStream;

/**
 * The end of an upgraded {@code /ws} pipeline: decoded (and inflated) frames in, the session's
 * events out. Reassembles fragmented messages and enforces {@code websocket.max_message_bytes} on
 * their uncompressed size; lets ping and pong frames pass only when the session's rate limit admits
 * them (an admitted ping is answered, a refused one dropped unanswered, a flood closes 4029);
 * answers the peer's close and drops the channel; tells the session when the channel can take
 * output again and when it is gone. Every frame proves the peer alive. Runs on the connection's
 * event loop.
 */
final class WebSocketFrames extends ChannelInboundHandlerAdapter {
  static final String NAME = "pma-ws-frames";

  private final int maxBytes;
  private Session session;
  private NettyConnection connection;
  private ByteArrayOutputStream partial;
  private boolean partialIsText;
  private boolean discarding;
  private boolean closeReceived;

  WebSocketFrames(int maxBytes) {
    this.maxBytes = maxBytes;
  }

  /** The connection this handler ends; needed before anything is read. */
  void connection(NettyConnection connection) {
    this.connection = connection;
  }

  /** The session this connection serves; frames before it (none, normally) are dropped. */
  void attach(Session session) {
    this.session = session;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (session != null && msg instanceof WebSocketFrame frame) {
        read(ctx, frame);
      }
    } finally {
      ReferenceCountUtil.release(msg); // also what is left of the upgrade request (its body)
    }
  }

  private void read(ChannelHandlerContext ctx, WebSocketFrame frame) {
    if (frame instanceof PingWebSocketFrame) {
      if (session.admitControlFrame()) {
        ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()), ctx.voidPromise());
      }
      return;
    }
    if (frame instanceof PongWebSocketFrame) {
      session.admitControlFrame();
      return;
    }
    session.onFrameReceived();
    if (frame instanceof CloseWebSocketFrame close) {
      closed(ctx, close);
      return;
    }
    if (discarding) {
      return;
    }
    message(frame);
  }

  /** The peer's close: answered with its status (RFC 6455 section 5.5.1), then the channel ends. */
  private void closed(ChannelHandlerContext ctx, CloseWebSocketFrame close) {
    if (closeReceived) {
      return;
    }
    closeReceived = true;
    if (connection.closeSent()) {
      ctx.close(); // the answer to this side's close: the handshake is complete
      return;
    }
    int status = close.statusCode();
    CloseWebSocketFrame answer = status < 0 ? new CloseWebSocketFrame()
        : new CloseWebSocketFrame(status, null);
    ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
  }

  private void message(WebSocketFrame frame) {
    boolean starts = frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame;
    if (starts) {
      partialIsText = frame instanceof TextWebSocketFrame;
      partial = null;
    } else if (!(frame instanceof ContinuationWebSocketFrame) || partial == null) {
      return; // a continuation without a start: nothing to continue
    }
    ByteBuf data = frame.content();
    int size = (partial == null ? 0 : partial.size()) + data.readableBytes();
    if (size > maxBytes) {
      discarding = true;
      partial = null;
      session.onTooBig();
      return;
    }
    if (!frame.isFinalFragment()) {
      if (partial == null) {
        partial = new ByteArrayOutputStream(size * 2);
      }
      append(data);
      return;
    }
    byte[] whole;
    if (partial == null) {
      whole = new byte[data.readableBytes()];
      data.readBytes(whole);
    } else {
      append(data);
      whole = partial.toByteArray();
      partial = null;
    }
    if (partialIsText) {
      session.onText(whole);
    } else {
      session.onBinary(whole.length);
    }
  }

  private void append(ByteBuf data) {
    byte[] bytes = new byte[data.readableBytes()];
    data.readBytes(bytes);
    partial.write(bytes, 0, bytes.length);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (session != null && ctx.channel().isWritable()) {
      session.onWritable();
    }
    ctx.fireChannelWritabilityChanged();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    partial = null;
    if (session != null) {
      session.onClosed();
    }
    ctx.fireChannelInactive();
  }

  /**
   * A frame the decoder refused: over the size limit (on the wire, or once inflated) closes with
   * 1009 through the session; any other protocol violation with its status. The decoder reads
   * nothing more, so the channel ends once the close frame is out.
   */
  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable failure) {
    if (tooBig(failure) && session != null) {
      session.onTooBig();
    } else if (failure instanceof CorruptedWebSocketFrameException corrupted) {
      WebSocketCloseStatus status = corrupted.closeStatus();
      ctx.write(new CloseWebSocketFrame(status.code(), status.reasonText()));
    }
    ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
  }

  /** Whether Netty refused a frame for its size: on the wire, or once inflated. */
  private static boolean tooBig(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof CorruptedWebSocketFrameException corrupted) {
        return corrupted.closeStatus() == WebSocketCloseStatus.MESSAGE_TOO_BIG;
      }
      // ZlibDecoder's only way to say maxAllocation was reached (other failures: corrupt data)
      if (cause instanceof DecompressionException decompression) {
        return String.valueOf(decompression.getMessage()).contains("maximum size");
      }
    }
    return false;
  }
}
