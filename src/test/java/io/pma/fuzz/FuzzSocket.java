package io.pma.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Random;
import java.util.zip.Deflater;

/**
 * A /ws client on a plain socket that sends whatever frame it is told to (any opcode, RSV1, FIN,
 * masked or not, deflated or not) and reads the server's frames raw.
 */
final class FuzzSocket implements AutoCloseable {
  static final int TEXT = 1;
  static final int BINARY = 2;
  static final int CLOSE = 8;
  static final int PING = 9;
  static final int PONG = 10;

  record Frame(int opcode, byte[] payload) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    int closeCode() {
      return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final boolean deflate;

  FuzzSocket(int port, boolean askDeflate, int timeoutMillis) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(timeoutMillis);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
        + Base64.getEncoder().encodeToString(new byte[16]) + "\r\n"
        + (askDeflate ? "Sec-WebSocket-Extensions: permessage-deflate\r\n" : "") + "\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    String response = readHeaders();
    if (!response.startsWith("HTTP/1.1 101")) {
      throw new IOException("handshake refused: " + response.lines().findFirst().orElse(""));
    }
    deflate = response.contains("permessage-deflate");
  }

  boolean deflateNegotiated() {
    return deflate;
  }

  private String readHeaders() throws IOException {
    ByteArrayOutputStream headers = new ByteArrayOutputStream();
    while (!headers.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("connection closed during the handshake");
      }
      headers.write(b);
    }
    return headers.toString(StandardCharsets.US_ASCII);
  }

  void send(boolean fin, boolean rsv1, int opcode, byte[] payload, boolean masked)
      throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode);
    int mask = masked ? 0x80 : 0;
    if (payload.length < 126) {
      frame.write(mask | payload.length);
    } else if (payload.length < 65536) {
      frame.write(mask | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(mask | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >> shift) & 0xff);
      }
    }
    byte[] key = {0x11, 0x22, 0x33, 0x44};
    if (masked) {
      frame.write(key);
    }
    for (int i = 0; i < payload.length; i++) {
      frame.write(masked ? payload[i] ^ key[i % 4] : payload[i]);
    }
    out.write(frame.toByteArray());
    out.flush();
  }

  void sendText(String text) throws IOException {
    send(true, false, TEXT, text.getBytes(StandardCharsets.UTF_8), true);
  }

  /** The text split into {@code parts} frames: a text frame then continuations. */
  void sendFragmented(byte[] payload, int parts, Random random) throws IOException {
    int from = 0;
    for (int part = 0; part < parts; part++) {
      int to = part == parts - 1 ? payload.length
          : from + random.nextInt(payload.length - from + 1);
      byte[] piece = java.util.Arrays.copyOfRange(payload, from, to);
      send(part == parts - 1, false, part == 0 ? TEXT : 0, piece, true);
      from = to;
    }
  }

  /** One permessage-deflate message (RFC 7692: raw deflate, the final 00 00 ff ff removed). */
  void sendDeflated(byte[] payload) throws IOException {
    Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    deflater.setInput(payload);
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
      compressed.write(buffer, 0, n);
      if (n < buffer.length) {
        break;
      }
    }
    deflater.end();
    byte[] bytes = compressed.toByteArray();
    send(true, true, TEXT, java.util.Arrays.copyOf(bytes, Math.max(0, bytes.length - 4)), true);
  }

  /** The next frame, or null when the server closed the TCP connection. */
  Frame read() throws IOException {
    int first = in.read();
    if (first < 0) {
      return null;
    }
    int second = in.readUnsignedByte();
    long length = second & 0x7f;
    if (length == 126) {
      length = in.readUnsignedShort();
    } else if (length == 127) {
      length = in.readLong();
    }
    byte[] payload = new byte[(int) length];
    in.readFully(payload);
    return new Frame(first & 0x0f, payload);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
