package io.pma.adapter.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The filter in front of Netty's MQTT decoder, fed the real wire bytes in awkward pieces. */
class OversizedPublishFilterTest {
  private static final int LIMIT = 1000;

  private final List<String> dropped = new ArrayList<>();

  private EmbeddedChannel channel() {
    return new EmbeddedChannel(new OversizedPublishFilter(LIMIT,
        (topic, bytes) -> dropped.add(topic + ":" + bytes)), new MqttDecoder(LIMIT));
  }

  private static byte[] publish(String topic, int payloadBytes, MqttQoS qos, int packetId) {
    MqttPublishMessage message = MqttMessageBuilders.publish().topicName(topic).qos(qos)
        .messageId(packetId).retained(true)
        .payload(Unpooled.wrappedBuffer("x".repeat(payloadBytes).getBytes(StandardCharsets.UTF_8)))
        .build();
    EmbeddedChannel encoder = new EmbeddedChannel(MqttEncoder.INSTANCE);
    encoder.writeOutbound(message);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (ByteBuf part; (part = encoder.readOutbound()) != null; part.release()) {
      byte[] chunk = new byte[part.readableBytes()];
      part.readBytes(chunk);
      bytes.writeBytes(chunk);
    }
    return bytes.toByteArray();
  }

  private static List<String> decodedTopics(EmbeddedChannel channel) {
    List<String> topics = new ArrayList<>();
    for (Object message; (message = channel.readInbound()) != null; ) {
      MqttPublishMessage publish = (MqttPublishMessage) message;
      assertThat(publish.decoderResult().isSuccess()).isTrue();
      topics.add(publish.variableHeader().topicName() + ":" + publish.payload().readableBytes());
      publish.release();
    }
    return topics;
  }

  @Test
  @DisplayName("oversized PUBLISH packets are skipped, acknowledged and reported; the rest decodes")
  void dropsOnlyTheOversized() {
    ByteArrayOutputStream wire = new ByteArrayOutputStream();
    wire.writeBytes(publish("a/small", 10, MqttQoS.AT_MOST_ONCE, 0));
    wire.writeBytes(publish("homeassistant/sensor/x/config", 5000, MqttQoS.AT_LEAST_ONCE, 7));
    wire.writeBytes(publish("a/limit", LIMIT - 2 - "a/limit".length() - 2, MqttQoS.AT_LEAST_ONCE,
        8));
    wire.writeBytes(publish("b/huge", 200_000, MqttQoS.EXACTLY_ONCE, 300));
    wire.writeBytes(publish("a/after", 3, MqttQoS.AT_MOST_ONCE, 0));
    byte[] bytes = wire.toByteArray();

    for (int piece : new int[] {1, 3, 7, 4096, bytes.length}) {
      dropped.clear();
      EmbeddedChannel channel = channel();
      for (int i = 0; i < bytes.length; i += piece) {
        channel.writeInbound(Unpooled.wrappedBuffer(bytes, i, Math.min(piece, bytes.length - i)));
      }
      assertThat(decodedTopics(channel)).as("pieces of %d", piece)
          .containsExactly("a/small:10", "a/limit:" + (LIMIT - 11), "a/after:3");
      assertThat(dropped).containsExactly("homeassistant/sensor/x/config:5033",
          "b/huge:200010");
      ByteBuf puback = channel.readOutbound();
      assertThat(bytesOf(puback)).containsExactly(0x40, 2, 0, 7);
      ByteBuf pubrec = channel.readOutbound();
      assertThat(bytesOf(pubrec)).containsExactly(0x50, 2, 1, 44);
      assertThat((Object) channel.readOutbound()).isNull();
      channel.finishAndReleaseAll();
    }
  }

  private static int[] bytesOf(ByteBuf buf) {
    int[] out = new int[buf.readableBytes()];
    for (int i = 0; i < out.length; i++) {
      out[i] = buf.getUnsignedByte(buf.readerIndex() + i);
    }
    buf.release();
    return out;
  }
}
