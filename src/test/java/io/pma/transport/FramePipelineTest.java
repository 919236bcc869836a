package io.pma.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.pma.config.ConfigLoader;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.internal.http.WebSocketInternal;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link NettyConnection} writes pre-framed bytes at Vert.x's frame encoder; if Vert.x renamed it,
 * every write would silently take the longer way through the encoders. This pins the name.
 */
class FramePipelineTest {
  private final Vertx vertx = Vertx.vertx();

  @AfterEach
  void close() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  @ParameterizedTest(name = "permessage-deflate offered: {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("an upgraded /ws channel has the frame encoder that pre-framed writes enter at")
  void frameEncoderIsNamed(boolean deflate) throws Exception {
    CompletableFuture<List<String>> names = new CompletableFuture<>();
    HttpServerOptions options = WebSocketTransport.configure(new HttpServerOptions(),
        ConfigLoader.load(null, Map.of()).websocket());
    HttpServer server = vertx.createHttpServer(options).webSocketHandler(ws ->
        names.complete(((WebSocketInternal) ws).channelHandlerContext().pipeline().names()));
    int port = server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture()
        .get(10, TimeUnit.SECONDS).actualPort();
    vertx.createWebSocketClient(new WebSocketClientOptions().setTryUsePerMessageCompression(deflate))
        .connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"));

    List<String> pipeline = names.get(10, TimeUnit.SECONDS);
    assertThat(pipeline).contains(NettyConnection.FRAME_ENCODER);
    // Nothing that encodes or compresses may sit between the socket and where frames enter.
    int encoder = pipeline.indexOf(NettyConnection.FRAME_ENCODER);
    assertThat(pipeline.subList(0, encoder)).allMatch(name -> name.equals("wsdecoder"));
  }
}
