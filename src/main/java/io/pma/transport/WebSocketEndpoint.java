package io.pma.transport;

import io.netty.channel.ChannelPipeline;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.ServerWebSocketHandshake;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * What the HTTP server needs to serve {@code /ws}: the server options for the WebSockets Vert.x
 * still sees, a setup of each new connection's pipeline (before its first request is read, on
 * the server instance's context) that takes {@code /ws} upgrades over, and the handler that accepts
 * or refuses upgrade requests to other paths (which Vert.x then closes with 1008).
 */
public record WebSocketEndpoint(UnaryOperator<HttpServerOptions> options,
    Consumer<ChannelPipeline> connectionSetup, Handler<ServerWebSocketHandshake> handshake) {}
