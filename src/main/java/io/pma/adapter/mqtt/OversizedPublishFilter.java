package io.pma.adapter.mqtt;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Sits in front of Netty's MQTT decoder and drops PUBLISH packets whose remaining length exceeds
 * the limit, without buffering them: their bytes are skipped as they arrive, QoS 1 and 2 are
 * acknowledged (PUBACK / PUBREC, so the broker does not resend them), and {@link Dropped} is
 * told the topic and size. Every other packet passes through byte for byte.
 *
 * <p>Why: Netty's decoder answers a packet over its limit with a terminal error state, so the
 * client has to close the connection; a retained message over the limit then comes again on every
 * reconnect and the connection flaps for ever. Memory stays bounded: at most one fixed header and
 * one topic (≤ 65,535 bytes) are held while a dropped packet's head is read.
 */
final class OversizedPublishFilter extends ByteToMessageDecoder {
  private static final int PUBLISH = 3;
  private static final byte PUBACK = 0x40;
  private static final byte PUBREC = 0x50;

  /** Told of each dropped message, on the connection's event loop. */
  interface Dropped {
    void dropped(String topic, int bytes);
  }

  private final int maxRemainingLength;
  private final Dropped dropped;
  /** Bytes of the current packet still to pass through (≥ 0) or to skip. */
  private long passing;
  private long skipping;

  OversizedPublishFilter(int maxRemainingLength, Dropped dropped) {
    this.maxRemainingLength = maxRemainingLength;
    this.dropped = dropped;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (passing > 0) {
      int n = (int) Math.min(passing, in.readableBytes());
      out.add(in.readRetainedSlice(n));
      passing -= n;
      return;
    }
    if (skipping > 0) {
      int n = (int) Math.min(skipping, in.readableBytes());
      in.skipBytes(n);
      skipping -= n;
      return;
    }
    readFixedHeader(ctx, in, out);
  }

  private void readFixedHeader(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    int start = in.readerIndex();
    if (in.readableBytes() < 2) {
      return;
    }
    int first = in.getUnsignedByte(start);
    long remaining = 0;
    int multiplier = 1;
    int headerLength = 1;
    while (true) {
      if (headerLength > 4) {
        // Malformed remaining length: let Netty's decoder report it.
        passing = Long.MAX_VALUE;
        return;
      }
      if (in.readableBytes() <= headerLength) {
        return;
      }
      int digit = in.getUnsignedByte(start + headerLength);
      headerLength++;
      remaining += (long) (digit & 0x7f) * multiplier;
      multiplier *= 128;
      if ((digit & 0x80) == 0) {
        break;
      }
    }
    if ((first >> 4) != PUBLISH || remaining <= maxRemainingLength) {
      out.add(in.readRetainedSlice(headerLength));
      passing = remaining;
      return;
    }
    dropHead(ctx, in, first, headerLength, remaining);
  }

  /** Reads the topic and packet id of an oversized PUBLISH once they are all here. */
  private void dropHead(ChannelHandlerContext ctx, ByteBuf in, int first, int headerLength,
      long remaining) {
    int start = in.readerIndex();
    int qos = (first >> 1) & 0x03;
    if (in.readableBytes() < headerLength + 2) {
      return;
    }
    int topicLength = in.getUnsignedShort(start + headerLength);
    int head = 2 + topicLength + (qos > 0 ? 2 : 0);
    if (head > remaining) {
      throw new DecoderException("malformed PUBLISH: topic longer than the packet");
    }
    if (in.readableBytes() < headerLength + head) {
      return;
    }
    String topic = in.toString(start + headerLength + 2, topicLength, StandardCharsets.UTF_8);
    if (qos > 0) {
      int packetId = in.getUnsignedShort(start + headerLength + 2 + topicLength);
      byte type = qos == 1 ? PUBACK : PUBREC;
      ctx.writeAndFlush(Unpooled.wrappedBuffer(
          new byte[] {type, 2, (byte) (packetId >> 8), (byte) packetId}));
    }
    in.skipBytes(headerLength + head);
    skipping = remaining - head;
    dropped.dropped(topic, (int) remaining);
  }
}
