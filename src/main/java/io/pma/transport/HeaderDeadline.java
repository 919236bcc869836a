package io.pma.transport;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Closes an HTTP connection whose next request's headers do not arrive in time
 * ({@code server.header_timeout_seconds}): counted from the connection's start and from the end
 * of each response, so a half-sent request (slowloris) and an idle keep-alive connection both
 * end; a request being answered or an upgraded WebSocket (the handler leaves the pipeline on
 * {@code 101}) never do. Sits before Vert.x's handler, where requests arrive decoded and
 * responses leave not yet encoded. Runs on the connection's event loop.
 */
final class HeaderDeadline extends ChannelDuplexHandler {
  private final long timeoutMillis;
  private ScheduledFuture<?> deadline;
  private int unanswered;

  HeaderDeadline(long timeoutMillis) {
    this.timeoutMillis = timeoutMillis;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    arm(ctx);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    disarm();
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    disarm();
    ctx.fireChannelInactive();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof HttpRequest) {
      unanswered++;
      disarm();
    }
    ctx.fireChannelRead(msg);
  }

  @Override
  public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
    if (msg instanceof HttpResponse response
        && response.status().code() == HttpResponseStatus.SWITCHING_PROTOCOLS.code()) {
      ctx.pipeline().remove(this);
    } else if (msg instanceof LastHttpContent && unanswered > 0 && --unanswered == 0) {
      arm(ctx);
    }
    ctx.write(msg, promise);
  }

  private void arm(ChannelHandlerContext ctx) {
    disarm();
    deadline = ctx.executor().schedule(() -> ctx.close(), timeoutMillis, TimeUnit.MILLISECONDS);
  }

  private void disarm() {
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
  }
}
