package io.pma.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.util.ReferenceCountUtil;
import io.pma.config.WebsocketConfig;
import io.pma.hub.HubShard;
import io.pma.hub.Session;
import io.pma.protocol.CloseCode;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Takes {@code /ws} upgrade requests away from Vert.x, in a connection's pipeline just before
 * Vert.x's handler. An upgrade to {@code /ws} is answered here: a foreign origin 403, otherwise
 * Netty's handshake ({@code 101}, permessage-deflate through the extension handler in front),
 * after which Vert.x's handler leaves the pipeline and a {@link WebSocketFrames} handler takes its
 * place. Every other request passes to Vert.x untouched (REST, and upgrades to other paths, which
 * Vert.x refuses with 1008).
 *
 * <p>Why not Vert.x's {@code ServerWebSocket}: it keeps two outbound message queues per connection
 * (the upgraded HTTP connection's and the WebSocket's), each a fixed 1,024-slot array, plus the
 * upgrade request, response and their headers — about 12 KiB per idle connection that PMA never
 * uses, since the hub writes pre-framed bytes straight into the channel. Runs on the connection's
 * event loop; one instance per connection, gone after the upgrade.
 */
final class WebSocketUpgrade extends ChannelInboundHandlerAdapter {
  static final String NAME = "pma-ws-upgrade";
  static final String PATH = "/ws";
  /** Vert.x's name for its connection handler at the end of the pipeline. */
  private static final String VERTX_HANDLER = "handler";

  private final HubShard shard;
  private final WebsocketConfig config;
  private final OriginPolicy origins;
  private final AddressLimit addressLimit;
  /** Set once this connection upgraded: the rest of the request (its empty body) is dropped. */
  private boolean upgraded;

  WebSocketUpgrade(HubShard shard, WebsocketConfig config, OriginPolicy origins,
      AddressLimit addressLimit) {
    this.shard = shard;
    this.config = config;
    this.origins = origins;
    this.addressLimit = addressLimit;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (upgraded) {
      ReferenceCountUtil.release(msg); // the upgrade request's (empty) body
      return;
    }
    if (msg instanceof HttpRequest request && isUpgradeToWs(request)) {
      upgraded = true;
      upgrade(ctx, request);
      ReferenceCountUtil.release(msg);
      return;
    }
    ctx.fireChannelRead(msg);
  }

  private static boolean isUpgradeToWs(HttpRequest request) {
    return HttpMethod.GET.equals(request.method())
        && request.headers().containsValue(HttpHeaderNames.UPGRADE, HttpHeaderValues.WEBSOCKET, true)
        && PATH.equals(new QueryStringDecoder(request.uri()).path());
  }

  private void upgrade(ChannelHandlerContext ctx, HttpRequest request) {
    HttpHeaders headers = request.headers();
    if (!origins.allows(headers.get(HttpHeaderNames.ORIGIN), headers.get(HttpHeaderNames.HOST))) {
      refuse(ctx, HttpResponseStatus.FORBIDDEN);
      return;
    }
    // Frames over the limit are refused by the decoder before they are read whole; it reports
    // them to WebSocketFrames, which closes with PMA's 1009 (not the decoder's own close).
    WebSocketServerHandshakerFactory factory = new WebSocketServerHandshakerFactory(PATH, null,
        WebSocketDecoderConfig.newBuilder().maxFramePayloadLength(config.maxMessageBytes())
            .allowExtensions(true).closeOnProtocolViolation(false).build());
    FullHttpRequest full = new DefaultFullHttpRequest(request.protocolVersion(), request.method(),
        request.uri(), Unpooled.EMPTY_BUFFER, headers.copy(), HttpHeaders.EMPTY_HEADERS);
    WebSocketServerHandshaker handshaker = factory.newHandshaker(full);
    if (handshaker == null) {
      WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel())
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ChannelPipeline pipeline = ctx.pipeline();
    // Vert.x's handler and its connection leave before the 101 is written: nothing of Vert.x
    // stays with the WebSocket.
    if (pipeline.get(VERTX_HANDLER) != null) {
      pipeline.remove(VERTX_HANDLER);
    }
    ChannelFuture handshake;
    try {
      handshake = handshaker.handshake(ctx.channel(), full);
    } catch (RuntimeException malformed) { // a missing key or a wrong version header
      refuse(ctx, HttpResponseStatus.BAD_REQUEST);
      return;
    }
    String peer = ctx.channel().remoteAddress() instanceof InetSocketAddress inet
        ? inet.getAddress().getHostAddress() : String.valueOf(ctx.channel().remoteAddress());
    List<String> forwardedFor = headers.getAll("X-Forwarded-For");
    String token = upgradeToken(request);
    boolean smallWindow = String.valueOf(headers.get(HttpHeaderNames.SEC_WEBSOCKET_EXTENSIONS))
        .toLowerCase(Locale.ROOT).contains("server_max_window_bits");
    handshake.addListener(done -> {
      if (!done.isSuccess()) {
        ctx.close();
        return;
      }
      open(ctx, peer, forwardedFor, token, !smallWindow && deflateNegotiated(pipeline));
    });
  }

  /** After the 101: the per-address cap, the connection limit, then the hub session. */
  private void open(ChannelHandlerContext ctx, String peer, List<String> forwardedFor,
      String token, boolean deflate) {
    WebSocketFrames frames = new WebSocketFrames(config.maxMessageBytes());
    ctx.pipeline().replace(this, WebSocketFrames.NAME, frames);
    ChannelHandlerContext frameContext = ctx.pipeline().context(frames);
    NettyConnection connection = new NettyConnection(frameContext, deflate,
        config.pongTimeoutSeconds() * 1000L);
    frames.connection(connection);
    if (!addressLimit.admitWebSocket(peer, forwardedFor, ctx.channel())) {
      connection.close(CloseCode.TOO_MANY_FROM_ADDRESS);
      return;
    }
    Session session = shard.open(connection, token);
    if (session == null) {
      connection.close(CloseCode.TRY_AGAIN_LATER);
      return;
    }
    frames.attach(session);
  }

  private static void refuse(ChannelHandlerContext ctx, HttpResponseStatus status) {
    DefaultFullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status);
    response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0)
        .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
    ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
  }

  /** The token of {@code Authorization: Bearer} or {@code ?token=}, or null. */
  static String upgradeToken(HttpRequest request) {
    String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    List<String> tokens = new QueryStringDecoder(request.uri()).parameters().get("token");
    return tokens == null || tokens.isEmpty() ? null : tokens.get(0);
  }

  /**
   * Whether to send compressed frames: permessage-deflate was negotiated (its encoder is in the
   * pipeline). The frames are deflated once with the JDK's 32 KiB window; a client that limited
   * the server's window gets plain frames (RSV1 clear), which permessage-deflate always allows.
   */
  private static boolean deflateNegotiated(ChannelPipeline pipeline) {
    for (Map.Entry<String, ChannelHandler> handler : pipeline) {
      if (handler.getValue() instanceof WebSocketExtensionEncoder) {
        return true;
      }
    }
    return false;
  }
}
