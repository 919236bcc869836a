package io.pma.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client side of RFC 6455 that the generator needs, written by hand so that a received event
 * costs a header parse and a counter, not a frame object: the upgrade request, masked client
 * frames, and reading a number out of a payload. Stateless.
 */
final class WsWire {
  static final int OP_TEXT = 1;
  static final int OP_CLOSE = 8;
  static final int OP_PING = 9;
  static final int OP_PONG = 10;

  private WsWire() {}

  /** The HTTP upgrade request; with {@code deflate} it offers permessage-deflate. */
  static byte[] upgrade(Endpoint endpoint, boolean deflate) {
    byte[] nonce = new byte[16];
    ThreadLocalRandom.current().nextBytes(nonce);
    String request = "GET /ws HTTP/1.1\r\nHost: " + endpoint.host() + ":" + endpoint.port()
        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
        + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
        + "Sec-WebSocket-Version: 13\r\n"
        + (deflate ? "Sec-WebSocket-Extensions: permessage-deflate; server_no_context_takeover;"
            + " client_no_context_takeover\r\n" : "")
        + "\r\n";
    return request.getBytes(StandardCharsets.US_ASCII);
  }

  /** A masked client frame (FIN set) with {@code opcode} and {@code payload}. */
  static ByteBuf clientFrame(ByteBufAllocator allocator, int opcode, byte[] payload) {
    int length = payload.length;
    ByteBuf buf = allocator.buffer(14 + length);
    buf.writeByte(0x80 | opcode);
    if (length < 126) {
      buf.writeByte(0x80 | length);
    } else if (length <= 0xFFFF) {
      buf.writeByte(0x80 | 126);
      buf.writeShort(length);
    } else {
      buf.writeByte(0x80 | 127);
      buf.writeLong(length);
    }
    int mask = ThreadLocalRandom.current().nextInt();
    buf.writeInt(mask);
    for (int i = 0; i < length; i++) {
      buf.writeByte(payload[i] ^ (mask >>> (24 - 8 * (i & 3))));
    }
    return buf;
  }

  static ByteBuf text(ByteBufAllocator allocator, String json) {
    return clientFrame(allocator, OP_TEXT, json.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The non-negative integer after {@code "t":} in {@code length} bytes from {@code from}, or -1.
   * The generator puts {@code t} first among the attributes, so the scan is short.
   */
  static long timestamp(ByteBuf buf, int from, int length) {
    int end = from + length - 4;
    for (int i = from; i < end; i++) {
      if (buf.getByte(i) == '"' && buf.getByte(i + 1) == 't' && buf.getByte(i + 2) == '"'
          && buf.getByte(i + 3) == ':') {
        return digits(buf, i + 4, from + length);
      }
    }
    return -1;
  }

  private static long digits(ByteBuf buf, int from, int end) {
    long value = 0;
    int i = from;
    for (; i < end; i++) {
      byte b = buf.getByte(i);
      if (b < '0' || b > '9') {
        break;
      }
      value = value * 10 + (b - '0');
    }
    return i == from ? -1 : value;
  }
}
