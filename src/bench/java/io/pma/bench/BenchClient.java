package io.pma.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One subscriber: upgrades, authenticates with the long-lived token, subscribes with one
 * {@code subscribe} message, then counts every event frame. A probe client also reads each
 * event's {@code t} (the injector's {@code System.nanoTime()}) and records the end-to-end latency;
 * a stalled client stops reading once subscribed. Runs on its channel's event loop.
 */
final class BenchClient extends ByteToMessageDecoder {
  private static final int MAX_HANDSHAKE = 8192;
  private static final byte[] DEFLATE_TAIL = {0, 0, (byte) 0xff, (byte) 0xff};
  private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(
      () -> new Inflater(true));
  private static final ThreadLocal<byte[]> INFLATED = ThreadLocal.withInitial(
      () -> new byte[65536]);

  private final Fleet fleet;
  private final ClientSpec spec;
  private boolean open;
  private boolean subscribed;
  private boolean compressed;
  /** The frame before the current one, to show the context of a malformed frame. */
  private int previousHeader;
  private int previousLength;
  private int previousEnd;
  /** Events received; written on the loop, read by the runner at the end. */
  long events;

  BenchClient(Fleet fleet, ClientSpec spec) {
    this.fleet = fleet;
    this.spec = spec;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) throws Exception {
    ctx.writeAndFlush(Unpooled.wrappedBuffer(WsWire.upgrade(fleet.endpoint(), spec.deflate())));
    super.channelActive(ctx);
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) throws Exception {
    fleet.disconnected(this);
    super.channelInactive(ctx);
  }

  /**
   * ByteToMessageDecoder asks for another read after a turn that produced no message when
   * auto-read is off; a stalled client must not, or it would go on reading.
   */
  @Override
  public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
    if (spec.stall() && subscribed) {
      ctx.fireChannelReadComplete();
      return;
    }
    super.channelReadComplete(ctx);
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    if (!open && !handshake(ctx, in)) {
      return;
    }
    while (frame(ctx, in)) {
      // one frame consumed per iteration
    }
  }

  private boolean handshake(ChannelHandlerContext ctx, ByteBuf in) {
    int end = headEnd(in);
    if (end < 0) {
      if (in.readableBytes() > MAX_HANDSHAKE) {
        fleet.failed(this, "no upgrade response");
        ctx.close();
      }
      return false;
    }
    String head = in.readCharSequence(end - in.readerIndex(), StandardCharsets.US_ASCII)
        .toString();
    if (!head.startsWith("HTTP/1.1 101")) {
      fleet.failed(this, head.lines().findFirst().orElse(head));
      ctx.close();
      return false;
    }
    open = true;
    compressed = head.toLowerCase().contains("permessage-deflate");
    fleet.upgraded(this);
    ctx.write(WsWire.text(ctx.alloc(), "{\"type\":\"authenticate\",\"data\":{\"token\":\""
        + fleet.endpoint().token() + "\"}}"));
    ctx.writeAndFlush(WsWire.text(ctx.alloc(), spec.subscribeMessage()));
    return true;
  }

  /** The index just past the blank line ending the HTTP response head, or -1. */
  private static int headEnd(ByteBuf in) {
    for (int i = in.readerIndex(); i + 3 < in.writerIndex(); i++) {
      if (in.getByte(i) == '\r' && in.getByte(i + 1) == '\n' && in.getByte(i + 2) == '\r'
          && in.getByte(i + 3) == '\n') {
        return i + 4;
      }
    }
    return -1;
  }

  /** Consumes one whole frame if the buffer holds one. */
  private boolean frame(ChannelHandlerContext ctx, ByteBuf in) {
    int start = in.readerIndex();
    int readable = in.readableBytes();
    if (readable < 2) {
      return false;
    }
    int b0 = in.getUnsignedByte(start);
    int length = in.getUnsignedByte(start + 1) & 0x7f;
    int header = 2;
    if (length == 126) {
      if (readable < 4) {
        return false;
      }
      length = in.getUnsignedShort(start + 2);
      header = 4;
    } else if (length == 127) {
      if (readable < 10) {
        return false;
      }
      length = (int) in.getLong(start + 2);
      header = 10;
    }
    if (readable < header + length) {
      return false;
    }
    handle(ctx, b0, in, start + header, length);
    previousHeader = b0;
    previousLength = length;
    previousEnd = start + header + length;
    in.skipBytes(header + length);
    return !ctx.isRemoved() && in.isReadable();
  }

  private void handle(ChannelHandlerContext ctx, int b0, ByteBuf in, int payload, int length) {
    int opcode = b0 & 0x0f;
    boolean deflated = (b0 & 0x40) != 0;
    if ((b0 & 0x80) == 0 || (deflated && !compressed) || (b0 & 0x30) != 0
        || (opcode != WsWire.OP_TEXT && opcode < WsWire.OP_CLOSE) || opcode > WsWire.OP_PONG) {
      // Not a frame this server may send (fragment, reserved bits, unknown opcode): report it.
      fleet.protocolError(this, String.format("bad frame header 0x%02x, length %d after frame"
          + " 0x%02x/%d ending \"%s\"; next: \"%s\"", b0, length, previousHeader, previousLength,
          printable(in, previousEnd - 60, 60), printable(in, payload - 2, 120)));
      ctx.close();
      return;
    }
    if (opcode == WsWire.OP_TEXT) {
      if (subscribed) {
        event(in, payload, length, deflated);
      } else {
        reply(ctx, text(in, payload, length, deflated));
      }
    } else if (opcode == WsWire.OP_PING) {
      byte[] data = new byte[length];
      in.getBytes(payload, data);
      ctx.writeAndFlush(WsWire.clientFrame(ctx.alloc(), WsWire.OP_PONG, data));
    } else if (opcode == WsWire.OP_CLOSE) {
      fleet.closedBy(this, length >= 2 ? in.getUnsignedShort(payload) : 1005);
      ctx.close();
    }
  }

  private void event(ByteBuf in, int payload, int length, boolean deflated) {
    fleet.delivered(this);
    if (!spec.probe()) {
      return;
    }
    long sent = deflated ? inflatedTimestamp(in, payload, length)
        : WsWire.timestamp(in, payload, length);
    if (sent > 0) {
      fleet.latency(System.nanoTime() - sent);
    }
  }

  private void reply(ChannelHandlerContext ctx, String json) {
    if (json.contains("\"type\":\"subscription_success\"")) {
      subscribed = true;
      fleet.subscribed(this);
      if (spec.stall()) {
        ctx.channel().config().setAutoRead(false);
      }
    } else if (json.contains("_failure\"") || json.contains("\"type\":\"invalid_message\"")) {
      fleet.failed(this, json);
    }
  }

  private String text(ByteBuf in, int payload, int length, boolean deflated) {
    if (!deflated) {
      return in.toString(payload, length, StandardCharsets.UTF_8);
    }
    int size = inflate(in, payload, length);
    return new String(INFLATED.get(), 0, size, StandardCharsets.UTF_8);
  }

  private long inflatedTimestamp(ByteBuf in, int payload, int length) {
    int size = inflate(in, payload, length);
    return WsWire.timestamp(Unpooled.wrappedBuffer(INFLATED.get(), 0, size), 0, size);
  }

  /** Inflates one message; the server takes no context over, so each stands alone. */
  private int inflate(ByteBuf in, int payload, int length) {
    byte[] input = new byte[length + DEFLATE_TAIL.length];
    in.getBytes(payload, input, 0, length);
    System.arraycopy(DEFLATE_TAIL, 0, input, length, DEFLATE_TAIL.length);
    Inflater inflater = INFLATER.get();
    inflater.reset();
    inflater.setInput(input);
    try {
      return inflater.inflate(INFLATED.get());
    } catch (DataFormatException e) {
      throw new IllegalStateException("bad deflate data from the server", e);
    }
  }

  private static String printable(ByteBuf in, int from, int length) {
    int start = Math.max(0, from);
    int end = Math.min(in.writerIndex(), start + length);
    StringBuilder text = new StringBuilder();
    for (int i = start; i < end; i++) {
      int b = in.getUnsignedByte(i);
      text.append(b >= 32 && b < 127 ? String.valueOf((char) b) : String.format("\\x%02x", b));
    }
    return text.toString();
  }

  ClientSpec spec() {
    return spec;
  }

  boolean compressed() {
    return compressed;
  }

  boolean isSubscribed() {
    return subscribed;
  }
}
