package io.pma.transport;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPipeline;
import io.pma.api.Problems;
import io.pma.config.ServerConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Listens on the configured port with one HTTP server per event loop, so each connection stays on
 * the loop that accepted it. Serves the REST router, the dashboard from {@code webroot/} and,
 * when given, the WebSocket endpoint at {@code /ws}; caps connections per address, closes
 * connections whose request headers do not arrive in time, and adds the browser security headers.
 */
public final class HttpTransport {
  private static final String TOO_MANY_CONNECTIONS = "HTTP/1.1 429 Too Many Requests\r\n"
      + "Content-Length: 0\r\nConnection: close\r\n\r\n";
  private final Vertx vertx;
  private final ServerConfig config;
  private final Function<Vertx, Router> routerFactory;
  private final Optional<WebSocketEndpoint> webSockets;
  private final AddressLimit addressLimit;
  private final int instances;
  private final List<String> deployments = new ArrayList<>();
  private volatile int actualPort;
  private volatile List<ServedRoute> servedRoutes = List.of();

  public HttpTransport(Vertx vertx, ServerConfig config, Function<Vertx, Router> routerFactory,
      Optional<WebSocketEndpoint> webSockets, AddressLimit addressLimit, int instances) {
    this.vertx = vertx;
    this.config = config;
    this.routerFactory = routerFactory;
    this.webSockets = webSockets;
    this.addressLimit = addressLimit;
    this.instances = instances;
  }

  /**
   * Starts every instance on one port. Vert.x shares a listening socket between servers of the same
   * host and port, so with port 0 a free port is chosen first and given to all of them.
   */
  public Future<Integer> start() {
    int port;
    try {
      port = config.port() == 0 ? freePort() : config.port();
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
    Future<Integer> all = Future.succeededFuture(port);
    for (int i = 0; i < instances; i++) {
      all = all.compose(this::deploy);
    }
    return all.onSuccess(p -> actualPort = p);
  }

  private int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(config.host()))) {
      return socket.getLocalPort();
    }
  }

  public int port() {
    return actualPort;
  }

  /**
   * The method-and-path routes of the router the servers use (every instance builds the same),
   * in the router's order; handlers that match any method (filters, the static files) are not
   * endpoints and are left out. What the OpenAPI document must describe, exactly.
   */
  public List<ServedRoute> routes() {
    return servedRoutes;
  }

  private Future<Integer> deploy(int port) {
    ServerVerticle verticle = new ServerVerticle(port);
    return vertx.deployVerticle(verticle).map(id -> {
      deployments.add(id);
      return verticle.boundPort;
    });
  }

  public Future<Void> stop() {
    List<Future<Void>> undeploys = new ArrayList<>();
    deployments.forEach(id -> undeploys.add(vertx.undeploy(id)));
    deployments.clear();
    return Future.join(undeploys).mapEmpty();
  }

  /**
   * Called for each new connection before its first request is read: the per-address cap (over
   * it, a bare 429 and close), the header deadline, and what /ws needs in the pipeline.
   */
  private void setUp(HttpConnection connection) {
    // Vert.x's connection is the Netty handler at the end of the pipeline.
    ChannelHandlerContext vertxHandler = ((ConnectionBase) connection).channelHandlerContext();
    if (!addressLimit.admitConnection(connection.remoteAddress().hostAddress(),
        vertxHandler.channel())) {
      // Straight to the socket: the HTTP encoder would wait for a request to answer.
      vertxHandler.pipeline().firstContext()
          .writeAndFlush(Unpooled.copiedBuffer(TOO_MANY_CONNECTIONS, StandardCharsets.US_ASCII))
          .addListener(ChannelFutureListener.CLOSE);
      return;
    }
    ChannelPipeline pipeline = vertxHandler.pipeline();
    pipeline.addBefore(vertxHandler.name(), "pma-header-deadline",
        new HeaderDeadline(config.headerTimeoutSeconds() * 1000L));
    webSockets.ifPresent(ws -> ws.connectionSetup().accept(pipeline));
  }

  /** NIO reports a BindException, Netty's epoll transport an IOException with errno's text. */
  private static boolean addressInUse(Throwable e) {
    return e instanceof BindException
        || (e.getMessage() != null && e.getMessage().contains("Address already in use"));
  }

  /** One HTTP server on one event loop. */
  private final class ServerVerticle extends VerticleBase {
    private final int port;
    private volatile int boundPort;

    ServerVerticle(int port) {
      this.port = port;
    }

    /**
     * Requests the router cannot take are answered 400 here: an HTTP/1.1 request without a valid
     * Host (RFC 9112 section 3.2; HTTP/2 carries it as :authority, which Vert.x requires itself)
     * and a target without a path ({@code GET ?x}), which Vert.x's router fails with a 500, and a
     * '%' not followed by two hex digits, which it logs as an error with a stack trace (a cheap
     * way for anyone to flood the log).
     */
    private static void routeValid(HttpServerRequest request, Router router) {
      if (request.version() != HttpVersion.HTTP_1_0 && !hasAuthority(request)) {
        badRequest(request, "a valid Host header is required");
      } else if (request.path() == null || request.path().isEmpty()) {
        badRequest(request, "the request target must be a path");
      } else if (!wellEscaped(request.uri())) {
        badRequest(request, "malformed percent-encoding in the request target");
      } else {
        router.handle(request);
      }
    }

    private static boolean wellEscaped(String uri) {
      for (int i = uri.indexOf('%'); i >= 0; i = uri.indexOf('%', i + 1)) {
        if (i + 2 >= uri.length() || Character.digit(uri.charAt(i + 1), 16) < 0
            || Character.digit(uri.charAt(i + 2), 16) < 0) {
          return false;
        }
      }
      return true;
    }

    private static boolean hasAuthority(HttpServerRequest request) {
      try {
        return request.authority() != null;
      } catch (RuntimeException unparsable) {
        return false; // Vert.x's Host parser throws on some malformed values
      }
    }

    private static void badRequest(HttpServerRequest request, String detail) {
      Problems.send(request.response().putHeader("Connection", "close"), 400, "Bad Request",
          detail);
    }

    @Override
    public Future<?> start() {
      Router router = routerFactory.apply(vertx);
      router.route().order(-1).handler(SecurityHeaders::add);
      router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
      servedRoutes = ServedRoute.of(router);
      HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(port)
          .setTcpNoDelay(true).setReuseAddress(true).setReusePort(config.reusePort())
          // With h2c on, Vert.x builds the connection (and calls setUp) only once the first
          // request's headers are in, to look for "Upgrade: h2c": a half-sent request would
          // escape both the per-address cap and the header deadline. Browsers never use h2c.
          .setHttp2ClearTextEnabled(false);
      if (webSockets.isPresent()) {
        options = webSockets.get().options().apply(options);
      }
      HttpServer server = vertx.createHttpServer(options)
          .requestHandler(request -> routeValid(request, router));
      server.connectionHandler(HttpTransport.this::setUp);
      webSockets.ifPresent(ws -> server.webSocketHandshakeHandler(ws.handshake()));
      // /ws never reaches Vert.x (WebSocketUpgrade answers it first): any other path is refused.
      webSockets.ifPresent(ws -> server.webSocketHandler(socket ->
          socket.close((short) 1008, "no WebSocket endpoint at " + socket.path())));
      Promise<Void> started = Promise.promise();
      server.listen().onSuccess(s -> {
        boundPort = s.actualPort();
        started.complete();
      }).onFailure(e -> started.fail(addressInUse(e)
          ? new PortInUseException(config.host(), port, e) : e));
      return started.future();
    }
  }
}
