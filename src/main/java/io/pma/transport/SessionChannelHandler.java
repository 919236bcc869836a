package io.pma.transport;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.util.ReferenceCountUtil;
import io.pma.hub.Session;

/**
 * Sits in a /ws connection's pipeline just before Vert.x's handler, so it sees each decoded frame
 * before Vert.x answers pings on its own: ping and pong frames pass only when the session's rate
 * limit admits them (a refused ping is dropped unanswered, a flood closes 4029). Also tells the
 * session when the channel can take output again. Runs on the connection's event loop.
 */
final class SessionChannelHandler extends ChannelInboundHandlerAdapter {
  private final Session session;

  SessionChannelHandler(Session session) {
    this.session = session;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if ((msg instanceof PingWebSocketFrame || msg instanceof PongWebSocketFrame)
        && !session.admitControlFrame()) {
      ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void channelWritabilityChanged(ChannelHandlerContext ctx) {
    if (ctx.channel().isWritable()) {
      session.onWritable();
    }
    ctx.fireChannelWritabilityChanged();
  }
}
