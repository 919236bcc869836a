package io.pma.transport;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import java.util.function.Supplier;

/**
 * {@code GET /metrics} without a token on a port of its own ({@code metrics.access: port}), meant
 * for a Prometheus on the same host: it binds to loopback unless configured otherwise.
 */
public final class MetricsListener {
  private final Vertx vertx;
  private final String host;
  private final int port;
  private final Supplier<String> scrape;
  private final String contentType;
  private HttpServer server;

  public MetricsListener(Vertx vertx, String host, int port, Supplier<String> scrape,
      String contentType) {
    this.vertx = vertx;
    this.host = host;
    this.port = port;
    this.scrape = scrape;
    this.contentType = contentType;
  }

  /** Listens; completes with the bound port. */
  public Future<Integer> start() {
    server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
        .requestHandler(request -> {
          if (request.method() == HttpMethod.GET && "/metrics".equals(request.path())) {
            request.response().putHeader("Content-Type", contentType).end(scrape.get());
          } else {
            request.response().setStatusCode(404).putHeader("Content-Type", "text/plain")
                .end("only GET /metrics is served here\n");
          }
        });
    return server.listen().map(HttpServer::actualPort);
  }

  public Future<Void> stop() {
    return server == null ? Future.succeededFuture() : server.close();
  }
}
