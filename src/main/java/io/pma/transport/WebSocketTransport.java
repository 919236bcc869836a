package io.pma.transport;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.compression.DecompressionException;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionEncoder;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.pma.config.WebsocketConfig;
import io.pma.hub.Hub;
import io.pma.hub.HubShard;
import io.pma.hub.Session;
import io.pma.protocol.CloseCode;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.internal.ContextInternal;
import io.vertx.core.internal.http.WebSocketInternal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

/**
 * Serves {@code /ws}: opens a hub session for each upgraded connection on the connection's event
 * loop, feeds it frames, and drives each loop's shared keep-alive tick. One instance serves every
 * HTTP server instance (one per event loop), each with its own hub shard.
 */
public final class WebSocketTransport {
  static final int COMPRESSION_LEVEL = Deflater.BEST_SPEED;
  private static final long TICK_MILLIS = 1000;

  private final Hub hub;
  private final WebsocketConfig config;
  private final Map<ContextInternal, HubShard> shards = new ConcurrentHashMap<>();
  private final OriginPolicy origins;
  private final AddressLimit addressLimit;

  public WebSocketTransport(Hub hub, WebsocketConfig config, AddressLimit addressLimit) {
    this.hub = hub;
    this.config = config;
    this.addressLimit = addressLimit;
    this.origins = new OriginPolicy(config.allowedOrigins());
  }

  /**
   * Applies the /ws limits and compression to the server options: frames and messages over
   * {@code max_message_bytes} are refused (close 1009); permessage-deflate (not the obsolete
   * per-frame variant) when {@code compression} is on, granting no-context-takeover to clients
   * that ask for it on either side.
   */
  public static HttpServerOptions configure(HttpServerOptions options, WebsocketConfig config) {
    return options
        .setMaxWebSocketFrameSize(config.maxMessageBytes())
        .setMaxWebSocketMessageSize(config.maxMessageBytes())
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(config.compression())
        .setWebSocketCompressionLevel(COMPRESSION_LEVEL)
        .setWebSocketAllowServerNoContext(true)
        .setWebSocketPreferredClientNoContext(true);
  }

  /**
   * Prepares a new HTTP connection's pipeline, before its first request is read. Vert.x builds
   * its permessage-deflate handshaker without Netty's {@code maxAllocation}: one 60 KiB frame then
   * inflated to 60 MiB, in buffers so small that joining them took most of a minute on the event
   * loop. The handshaker is replaced by one whose inflater refuses to grow a frame past
   * {@code max_message_bytes}; the refusal reaches the socket's exception handler (close 1009).
   * Inflating costs at most that many bytes per frame, and larger messages made of several
   * frames are stopped by {@link InboundMessages}.
   */
  static void limitInflation(ChannelPipeline pipeline, WebsocketConfig config) {
    ChannelHandlerContext vertxHandshaker = pipeline.context(WebSocketServerExtensionHandler.class);
    if (vertxHandshaker == null) {
      return; // compression off
    }
    pipeline.replace(vertxHandshaker.name(), vertxHandshaker.name(),
        new WebSocketServerExtensionHandler(new PerMessageDeflateServerExtensionHandshaker(
            COMPRESSION_LEVEL, ZlibCodecFactory.isSupportingWindowSizeAndMemLevel(),
            PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, true, true,
            WebSocketExtensionFilterProvider.DEFAULT, config.maxMessageBytes())));
  }

  /** What {@link HttpTransport} needs to serve /ws with this transport. */
  public WebSocketEndpoint endpoint() {
    return new WebSocketEndpoint(options -> configure(options, config),
        pipeline -> limitInflation(pipeline, config), this::handshake, this::open);
  }

  /** An upgrade request from a page of a foreign origin is refused (403) before it upgrades. */
  private void handshake(ServerWebSocketHandshake handshake) {
    if (!origins.allows(handshake.headers().get(HttpHeaders.ORIGIN),
        handshake.headers().get(HttpHeaders.HOST))) {
      handshake.reject(403);
      return;
    }
    handshake.accept();
  }

  /** Called on the connection's event loop for every upgraded /ws connection. */
  private void open(ServerWebSocket webSocket) {
    // The handler runs on a per-connection duplicate of the server instance's context.
    open(webSocket, shardOf(((ContextInternal) Vertx.currentContext()).unwrap()));
  }

  /**
   * The hub shard of a server instance's context (its event loop), created with the loop's shared
   * keep-alive timer on first use and removed when the context closes (server undeployed).
   */
  private HubShard shardOf(ContextInternal context) {
    HubShard existing = shards.get(context);
    if (existing != null) {
      return existing;
    }
    Executor loop = task -> context.runOnContext(v -> task.run());
    // A scheduled task (even due at once) waits for the loop's next poll of its sockets.
    Executor afterIo = task -> context.nettyEventLoop().schedule(() -> loop.execute(task), 0,
        TimeUnit.NANOSECONDS);
    HubShard shard = hub.addShard(loop, afterIo, new NettyFrames(PooledByteBufAllocator.DEFAULT,
        COMPRESSION_LEVEL));
    shards.put(context, shard);
    long timer = context.setPeriodic(TICK_MILLIS, id -> shard.tick());
    context.addCloseHook(completion -> {
      context.owner().cancelTimer(timer);
      hub.removeShard(shard);
      shards.remove(context);
      completion.succeed();
    });
    return shard;
  }

  private void open(ServerWebSocket webSocket, HubShard shard) {
    ChannelHandlerContext channel = ((WebSocketInternal) webSocket).channelHandlerContext();
    if (!addressLimit.admitWebSocket(webSocket.remoteAddress().hostAddress(),
        webSocket.headers().getAll("X-Forwarded-For"), channel.channel())) {
      CloseCode tooMany = CloseCode.TOO_MANY_FROM_ADDRESS;
      webSocket.close((short) tooMany.code(), tooMany.reason());
      return;
    }
    NettyConnection connection = new NettyConnection(webSocket, channel, deflates(webSocket, channel),
        config.pongTimeoutSeconds() * 1000L);
    Session session = shard.open(connection, upgradeToken(webSocket));
    if (session == null) {
      CloseCode full = CloseCode.TRY_AGAIN_LATER;
      webSocket.close((short) full.code(), full.reason());
      return;
    }
    webSocket.frameHandler(new InboundMessages(session, config.maxMessageBytes()));
    webSocket.closeHandler(v -> session.onClosed());
    webSocket.exceptionHandler(failure -> {
      if (tooBig(failure)) {
        // Netty refused a frame over the limit before reading or inflating all of it; Vert.x
        // drops the channel next, so the close frame is written (and flushed) now.
        channel.writeAndFlush(new CloseWebSocketFrame(CloseCode.MESSAGE_TOO_BIG.code(),
            CloseCode.MESSAGE_TOO_BIG.reason()));
        session.onTooBig();
      }
    });
    channel.pipeline().addBefore(channel.name(), "pma-session", new SessionChannelHandler(session));
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

  /**
   * Whether to send compressed frames: permessage-deflate was negotiated (its encoder is in the
   * pipeline) and the client did not limit the server's window. The frames are deflated once with
   * the JDK's 32 KiB window; a client that asked for a smaller one gets plain frames (RSV1 clear),
   * which permessage-deflate always allows.
   */
  private static boolean deflates(ServerWebSocket webSocket, ChannelHandlerContext channel) {
    String offer = webSocket.headers().get("Sec-WebSocket-Extensions");
    if (offer != null && offer.toLowerCase(Locale.ROOT).contains("server_max_window_bits")) {
      return false;
    }
    for (Map.Entry<String, ChannelHandler> handler : channel.pipeline()) {
      if (handler.getValue() instanceof WebSocketExtensionEncoder) {
        return true;
      }
    }
    return false;
  }

  /** The token of {@code Authorization: Bearer} or {@code ?token=}, or null. */
  private static String upgradeToken(ServerWebSocket webSocket) {
    String header = webSocket.headers().get("Authorization");
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return header.substring(7).trim();
    }
    String query = webSocket.query();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.startsWith("token=")) {
        return URLDecoder.decode(pair.substring(6), StandardCharsets.UTF_8);
      }
    }
    return null;
  }
}
