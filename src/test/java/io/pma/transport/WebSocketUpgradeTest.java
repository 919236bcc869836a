package io.pma.transport;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.handler.codec.http.HttpResponseEncoder;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketExtensionFilterProvider;
import io.netty.handler.codec.http.websocketx.extensions.WebSocketServerExtensionHandler;
import io.netty.handler.codec.http.websocketx.extensions.compression.PerMessageDeflateServerExtensionHandshaker;
import io.pma.auth.AuthenticationException;
import io.pma.auth.Permissions;
import io.pma.bus.MemoryBroker;
import io.pma.config.ConfigLoader;
import io.pma.config.WebsocketConfig;
import io.pma.hub.Hub;
import io.pma.hub.HubShard;
import io.pma.registry.EntityRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.DisplayName;

/**
 * The {@code /ws} upgrade in a pipeline shaped like Vert.x's HTTP/1 connection (request decoder,
 * response encoder, PMA's deflate negotiation, the upgrade, Vert.x's handler last), without a
 * network: after the {@code 101} nothing of Vert.x is left, the session's handler ends the
 * pipeline, and pre-framed writes enter at the frame encoder with only the decoder nearer the
 * socket. If Netty renamed its encoder, every write would silently take the longer way.
 */
class WebSocketUpgradeTest {
  private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";

  @ParameterizedTest(name = "permessage-deflate offered: {0}")
  @ValueSource(booleans = {false, true})
  @DisplayName("an upgraded /ws channel drops Vert.x's handler and keeps the frame encoder that"
      + " pre-framed writes enter at")
  void upgradedPipeline(boolean deflate) {
    WebsocketConfig config = ConfigLoader.load(null, Map.of()).websocket();
    EmbeddedChannel channel = new EmbeddedChannel();
    channel.pipeline().addLast("httpDecoder", new HttpRequestDecoder());
    channel.pipeline().addLast("httpEncoder", new HttpResponseEncoder());
    channel.pipeline().addLast("pma-ws-extensions", new WebSocketServerExtensionHandler(
        new PerMessageDeflateServerExtensionHandshaker(WebSocketTransport.COMPRESSION_LEVEL,
            ZlibCodecFactory.isSupportingWindowSizeAndMemLevel(),
            PerMessageDeflateServerExtensionHandshaker.MAX_WINDOW_SIZE, true, true,
            WebSocketExtensionFilterProvider.DEFAULT, config.maxMessageBytes())));
    channel.pipeline().addLast(WebSocketUpgrade.NAME, new WebSocketUpgrade(shard(config), config,
        new OriginPolicy(List.of()), new AddressLimit(10, List.of())));
    channel.pipeline().addLast("handler", new ChannelInboundHandlerAdapter());

    channel.writeInbound(Unpooled.copiedBuffer("GET /ws HTTP/1.1\r\nHost: localhost\r\n"
        + "Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + KEY + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n"
        + (deflate ? "Sec-WebSocket-Extensions: permessage-deflate\r\n" : "") + "\r\n",
        StandardCharsets.US_ASCII));

    ByteBuf response = channel.readOutbound();
    String head = response.toString(StandardCharsets.US_ASCII);
    response.release();
    assertThat(head).startsWith("HTTP/1.1 101");
    assertThat(head.toLowerCase()).contains("sec-websocket-accept: s3pplmbitxaq9kygzzhzrbk+xoo=");
    assertThat(head.contains("permessage-deflate")).isEqualTo(deflate);

    List<String> names = channel.pipeline().names();
    assertThat(names).doesNotContain("handler", WebSocketUpgrade.NAME, "httpDecoder",
        "httpEncoder");
    assertThat(names.get(names.size() - 2)).isEqualTo(WebSocketFrames.NAME); // then the tail
    int encoder = names.indexOf(NettyConnection.FRAME_ENCODER);
    assertThat(encoder).isPositive();
    assertThat(names.subList(0, encoder)).containsExactly("wsdecoder");

    // The hub's welcome went out as one text frame (opcode 1, FIN) on the upgraded channel.
    ByteBuf welcome = channel.readOutbound();
    assertThat(welcome.getByte(0) & 0x8f).isEqualTo(0x81);
    welcome.release();
    channel.finishAndReleaseAll();
  }

  private static HubShard shard(WebsocketConfig config) {
    MemoryBroker broker = new MemoryBroker(Clock.systemUTC());
    Hub hub = new Hub(broker, new EntityRegistry(broker, Clock.systemUTC(), null), token -> {
      throw new AuthenticationException("no tokens here");
    }, new Permissions(List.of()), config, nanos -> { }, Clock.systemUTC());
    return hub.addShard(Runnable::run, new NettyFrames(PooledByteBufAllocator.DEFAULT,
        WebSocketTransport.COMPRESSION_LEVEL));
  }
}
