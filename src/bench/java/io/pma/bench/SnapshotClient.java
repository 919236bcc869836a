package io.pma.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * One client of scenario g: upgrades, authenticates, sends one {@code subscribe} and times the
 * snapshot that follows {@code subscription_success}, which may come in fragments (RFC 6455
 * section 5.4). The snapshot's payload is skipped as it streams in, never joined or inflated (it
 * is the message right after {@code subscription_success}, so its type need not be read); the
 * small messages are read whole. After the snapshot every further message goes to
 * {@code onMessage} (the probe's events and pongs). Runs on its channel's event loop.
 */
final class SnapshotClient extends ChannelInboundHandlerAdapter {
  /** When and how big the snapshot was, and in how many fragments. */
  record Result(long subscribedNanos, long snapshotNanos, long bytes, int fragments) {
    double millis() {
      return (snapshotNanos - subscribedNanos) / 1e6;
    }
  }

  private static final byte[] DEFLATE_TAIL = {0, 0, (byte) 0xff, (byte) 0xff};

  private final Endpoint endpoint;
  private final String subscribe;
  private final boolean deflate;
  private final Consumer<String> onMessage;
  final CompletableFuture<Result> snapshot = new CompletableFuture<>();
  private final Inflater inflater = new Inflater(true);
  private final ByteBuf pending = Unpooled.buffer();
  private volatile ChannelHandlerContext context;
  private boolean open;
  private boolean subscribed;
  private boolean snapshotDone;
  private long subscribeSentNanos;
  // the frame being read
  private long remaining = -1;
  private boolean keep;
  private boolean fin;
  private boolean compressed;
  private int opcode;
  private ByteBuf message;
  /** The control frame being read (its opcode), or -1. */
  private int control = -1;
  private ByteBuf controlPayload;
  private long snapshotBytes;
  private int snapshotFragments;

  SnapshotClient(Endpoint endpoint, String subscribe, boolean deflate,
      Consumer<String> onMessage) {
    this.endpoint = endpoint;
    this.subscribe = subscribe;
    this.deflate = deflate;
    this.onMessage = onMessage;
  }

  @Override
  public void channelActive(ChannelHandlerContext ctx) {
    context = ctx;
    ctx.writeAndFlush(Unpooled.wrappedBuffer(WsWire.upgrade(endpoint, deflate)));
  }

  @Override
  public void channelInactive(ChannelHandlerContext ctx) {
    snapshot.completeExceptionally(new IllegalStateException("connection closed"));
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    snapshot.completeExceptionally(cause);
    ctx.close();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf in = (ByteBuf) msg;
    try {
      pending.writeBytes(in);
    } finally {
      in.release();
    }
    if (!open && !handshake(ctx)) {
      return;
    }
    while (step()) {
      // one header or one run of payload per step
    }
    pending.discardReadBytes();
  }

  /** Sends a text message (the probe's pings); any thread. */
  void send(String json) {
    ChannelHandlerContext ctx = context;
    ctx.executor().execute(() -> ctx.writeAndFlush(WsWire.text(ctx.alloc(), json)));
  }

  private boolean handshake(ChannelHandlerContext ctx) {
    int end = -1;
    for (int i = pending.readerIndex(); i + 3 < pending.writerIndex(); i++) {
      if (pending.getByte(i) == '\r' && pending.getByte(i + 1) == '\n'
          && pending.getByte(i + 2) == '\r' && pending.getByte(i + 3) == '\n') {
        end = i + 4;
        break;
      }
    }
    if (end < 0) {
      return false;
    }
    String head = pending.readCharSequence(end - pending.readerIndex(),
        StandardCharsets.US_ASCII).toString();
    if (!head.startsWith("HTTP/1.1 101")) {
      snapshot.completeExceptionally(new IllegalStateException(head.lines().findFirst()
          .orElse(head)));
      ctx.close();
      return false;
    }
    open = true;
    ctx.write(WsWire.text(ctx.alloc(), "{\"type\":\"authenticate\",\"data\":{\"token\":\""
        + endpoint.token() + "\"}}"));
    subscribeSentNanos = System.nanoTime();
    ctx.writeAndFlush(WsWire.text(ctx.alloc(), subscribe));
    return true;
  }

  /** Reads a frame header, or as much of the current payload as arrived; false: need more. */
  private boolean step() {
    if (remaining < 0) {
      return header();
    }
    int n = (int) Math.min(remaining, pending.readableBytes());
    if (n == 0 && remaining > 0) {
      return false;
    }
    if (control >= 0) {
      controlPayload.writeBytes(pending, n);
    } else if (keep) {
      message.writeBytes(pending, n);
    } else {
      pending.skipBytes(n);
    }
    remaining -= n;
    if (remaining == 0) {
      remaining = -1;
      if (control >= 0) {
        controlDone();
      } else {
        frameDone();
      }
    }
    return pending.isReadable();
  }

  private boolean header() {
    int readable = pending.readableBytes();
    if (readable < 2) {
      return false;
    }
    int start = pending.readerIndex();
    int b0 = pending.getUnsignedByte(start);
    long length = pending.getUnsignedByte(start + 1) & 0x7f;
    int header = 2;
    if (length == 126) {
      if (readable < 4) {
        return false;
      }
      length = pending.getUnsignedShort(start + 2);
      header = 4;
    } else if (length == 127) {
      if (readable < 10) {
        return false;
      }
      length = pending.getLong(start + 2);
      header = 10;
    }
    pending.skipBytes(header);
    int op = b0 & 0x0f;
    remaining = length;
    if (op >= 8) {
      // A control frame, possibly between the fragments of a message: read apart from it.
      control = op;
      keep = true;
      controlPayload = Unpooled.buffer((int) length);
      if (length == 0) {
        remaining = -1;
        controlDone();
      }
      return true;
    }
    control = -1;
    fin = (b0 & 0x80) != 0;
    if (op != 0) {
      opcode = op;
      compressed = (b0 & 0x40) != 0;
    }
    boolean inSnapshot = subscribed && !snapshotDone && opcode == WsWire.OP_TEXT;
    if (inSnapshot) {
      snapshotBytes += length;
      snapshotFragments++;
    }
    keep = !inSnapshot;
    if (keep && (op != 0 || message == null)) {
      message = Unpooled.buffer((int) Math.min(length, 1 << 20));
    }
    if (length == 0) {
      remaining = -1;
      frameDone();
    }
    return true;
  }

  /** Answers a ping (the server closes a client that stays silent), reports a close. */
  private void controlDone() {
    ByteBuf payload = controlPayload;
    controlPayload = null;
    if (control == WsWire.OP_PING) {
      byte[] data = new byte[payload.readableBytes()];
      payload.readBytes(data);
      ChannelHandlerContext ctx = context;
      ctx.writeAndFlush(WsWire.clientFrame(ctx.alloc(), WsWire.OP_PONG, data));
    } else if (control == WsWire.OP_CLOSE) {
      snapshot.completeExceptionally(new IllegalStateException("closed by the server: "
          + (payload.readableBytes() >= 2 ? payload.getUnsignedShort(0) : 1005)));
    }
    control = -1;
  }

  private void frameDone() {
    if (!fin) {
      return;
    }
    if (subscribed && !snapshotDone && opcode == WsWire.OP_TEXT) {
      snapshotDone = true;
      snapshot.complete(new Result(subscribeSentNanos, System.nanoTime(), snapshotBytes,
          snapshotFragments));
      return;
    }
    if (!keep || message == null) {
      return;
    }
    String text = compressed ? inflate(message) : message.toString(StandardCharsets.UTF_8);
    message = null;
    if (!subscribed) {
      if (text.contains("\"type\":\"subscription_success\"")) {
        subscribed = true;
      } else if (text.contains("_failure\"") || text.contains("invalid_message")) {
        snapshot.completeExceptionally(new IllegalStateException(text));
      }
      return;
    }
    onMessage.accept(text);
  }

  private String inflate(ByteBuf data) {
    byte[] input = new byte[data.readableBytes() + DEFLATE_TAIL.length];
    data.getBytes(data.readerIndex(), input, 0, data.readableBytes());
    System.arraycopy(DEFLATE_TAIL, 0, input, data.readableBytes(), DEFLATE_TAIL.length);
    inflater.reset();
    inflater.setInput(input);
    StringBuilder out = new StringBuilder();
    byte[] buffer = new byte[65536];
    try {
      while (!inflater.needsInput()) {
        int n = inflater.inflate(buffer);
        if (n == 0) {
          break;
        }
        out.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
      }
    } catch (DataFormatException e) {
      throw new IllegalStateException("bad deflate data", e);
    }
    return out.toString();
  }
}
