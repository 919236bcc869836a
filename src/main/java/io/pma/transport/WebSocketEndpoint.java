package io.pma.transport;

import io.netty.channel.ChannelPipeline;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What the HTTP server needs to serve {@code /ws}: the server options the protocol requires, a
 * setup of each new connection's pipeline (before its first request is read), the handler that
 * accepts or refuses each upgrade request, and the handler called, on the connection's event
 * loop, for each upgraded connection.
 */
public record WebSocketEndpoint(UnaryOperator<HttpServerOptions> options,
    Consumer<ChannelPipeline> connectionSetup, Handler<ServerWebSocketHandshake> handshake,
    Handler<ServerWebSocket> handler) {}
