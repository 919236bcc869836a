package io.pma.transport;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import java.util.function.UnaryOperator;

/**
 * What the HTTP server needs to serve {@code /ws}: the server options the protocol requires and
 * the handler called, on the connection's event loop, for each upgraded connection.
 */
public record WebSocketEndpoint(UnaryOperator<HttpServerOptions> options,
    Handler<ServerWebSocket> handler) {}
