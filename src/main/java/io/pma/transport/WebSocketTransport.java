package io.pma.transport;

import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.pma.config.WebsocketConfig;
import io.pma.hub.Hub;
import io.pma.hub.HubShard;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocketHandshake;
import io.vertx.core.internal.ContextInternal;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

/**
 * Serves {@code /ws} from a plain Netty pipeline inside the HTTP server's connections: each new
 * connection gets a {@link WebSocketUpgrade} in front of Vert.x's handler, which answers upgrades
 * to {@code /ws} itself and opens a hub session on the connection's event loop; this class drives
 * each loop's shared keep-alive tick. One instance serves every HTTP server instance (one per
 * event loop), each with its own hub shard.
 */
public final class WebSocketTransport {
  static final int COMPRESSION_LEVEL = Deflater.BEST_SPEED;
  private static final long TICK_MILLIS = 1000;
  private static final String EXTENSIONS = "pma-ws-extensions";
  /** Vert.x's name for its connection handler at the end of the pipeline. */
  private static final String VERTX_HANDLER = "handler";

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
   * The server options for WebSockets Vert.x still sees (upgrades to any path but {@code /ws},
   * which it refuses with 1008): the same frame limits, and no compression of its own (PMA's
   * extension handler, {@link #setUp}, negotiates permessage-deflate for every upgrade).
   */
  public static HttpServerOptions configure(HttpServerOptions options, WebsocketConfig config) {
    return options
        .setMaxWebSocketFrameSize(config.maxMessageBytes())
        .setMaxWebSocketMessageSize(config.maxMessageBytes())
        .setPerFrameWebSocketCompressionSupported(false)
        .setPerMessageWebSocketCompressionSupported(false);
  }

  /**
   * Prepares a new HTTP connection's pipeline, before its first request is read (on the server
   * instance's context): the permessage-deflate negotiation when {@code compression} is on, then
   * the {@code /ws} upgrade in front of Vert.x's handler.
   *
   * <p>The deflate handshaker grants no-context-takeover to clients that ask for it on either
   * side, and its inflater refuses to grow a frame past {@code max_message_bytes} (Netty's
   * {@code maxAllocation}): without it one 60 KiB frame inflated to 60 MiB, in buffers so small
   * that joining them took most of a minute on the event loop. The refusal reaches
   * {@link WebSocketFrames} (close 1009); larger messages made of several frames are stopped
   * there too.
   */
  void setUp(ChannelPipeline pipeline) {
    if (pipeline.context(VERTX_HANDLER) == null) {
      return; // not an HTTP/1 connection (none other is served): nothing can upgrade
    }
    HubShard shard = shardOf(((ContextInternal) Vertx.currentContext()).unwrap());
    if (config.compression()) {
      pipeline.addBefore(VERTX_HANDLER, EXTENSIONS, new WebSocketServerExtensionHandler(
          new PerMessageDeflateServerExtensionHandshaker(COMPRESSION_LEVEL,
              ZlibCodecFactory.isSupportingWindowSizeAndMemLevel(),
              PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, true, true,
              WebSocketExtensionFilterProvider.DEFAULT, config.maxMessageBytes())));
    }
    pipeline.addBefore(VERTX_HANDLER, WebSocketUpgrade.NAME,
        new WebSocketUpgrade(shard, config, origins, addressLimit));
  }

  /** What {@link HttpTransport} needs to serve /ws with this transport. */
  public WebSocketEndpoint endpoint() {
    return new WebSocketEndpoint(options -> configure(options, config), this::setUp,
        this::handshake);
  }

  /** An upgrade to another path from a page of a foreign origin is refused (403) as well. */
  private void handshake(ServerWebSocketHandshake handshake) {
    if (!origins.allows(handshake.headers().get(HttpHeaders.ORIGIN),
        handshake.headers().get(HttpHeaders.HOST))) {
      handshake.reject(403);
      return;
    }
    handshake.accept();
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
}
