package io.pma.transport;

import io.pma.config.ServerConfig;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Listens on the configured port with one HTTP server per event loop, so each connection stays on
 * the loop that accepted it. Serves the REST router, the dashboard from {@code webroot/} and,
 * when given, the WebSocket endpoint at {@code /ws}.
 */
public final class HttpTransport {
  private final Vertx vertx;
  private final ServerConfig config;
  private final Function<Vertx, Router> routerFactory;
  private final Optional<WebSocketEndpoint> webSockets;
  private final int instances;
  private final List<String> deployments = new ArrayList<>();
  private volatile int actualPort;

  public HttpTransport(Vertx vertx, ServerConfig config, Function<Vertx, Router> routerFactory,
      Optional<WebSocketEndpoint> webSockets, int instances) {
    this.vertx = vertx;
    this.config = config;
    this.routerFactory = routerFactory;
    this.webSockets = webSockets;
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

    @Override
    public Future<?> start() {
      Router router = routerFactory.apply(vertx);
      router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(false));
      HttpServerOptions options = new HttpServerOptions().setHost(config.host()).setPort(port)
          .setTcpNoDelay(true).setReuseAddress(true).setReusePort(config.reusePort());
      if (webSockets.isPresent()) {
        options = webSockets.get().options().apply(options);
      }
      HttpServer server = vertx.createHttpServer(options).requestHandler(router);
      webSockets.ifPresent(ws -> server.webSocketHandler(socket -> {
        if ("/ws".equals(socket.path())) {
          ws.handler().handle(socket);
        } else {
          socket.close((short) 1008, "no WebSocket endpoint at " + socket.path());
        }
      }));
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
