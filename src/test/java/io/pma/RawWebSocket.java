package io.pma;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * The one WebSocket client below the protocol: RFC 6455 on a plain socket, for what high-level
 * clients hide. It never answers pings on its own, shows the raw frames (RSV1 of
 * permessage-deflate) and sends whatever frame it is told to (any opcode, RSV1, FIN, masked or
 * not, deflated or not).
 */
public final class RawWebSocket implements AutoCloseable {
  public static final int TEXT = 0x1;
  public static final int BINARY = 0x2;
  public static final int CLOSE = 0x8;
  public static final int PING = 0x9;
  public static final int PONG = 0xA;

  public record Frame(boolean fin, boolean rsv1, int opcode, byte[] payload) {
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }

    /** The close frame's status code; 1005 (none) when it carries none. */
    public int closeCode() {
      return payload.length < 2 ? 1005 : ((payload[0] & 0xff) << 8) | (payload[1] & 0xff);
    }
  }

  private final Socket socket;
  private final DataInputStream in;
  private final OutputStream out;
  private final String handshakeResponse;

  public RawWebSocket(int port, String extensions) throws IOException {
    this(port, extensions, "", (int) Await.TIMEOUT.toMillis());
  }

  /** Connects with extra request header lines ({@code "Origin: https://x\r\n"}). */
  public RawWebSocket(int port, String extensions, String headerLines) throws IOException {
    this(port, extensions, headerLines, (int) Await.TIMEOUT.toMillis());
  }

  /** Connects; a read waits at most {@code timeoutMillis}. */
  public RawWebSocket(int port, String extensions, String headerLines, int timeoutMillis)
      throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(timeoutMillis);
    in = new DataInputStream(socket.getInputStream());
    out = socket.getOutputStream();
    byte[] key = new byte[16];
    ThreadLocalRandom.current().nextBytes(key);
    String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
        + "Connection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: "
        + Base64.getEncoder().encodeToString(key) + "\r\n"
        + (extensions == null ? "" : "Sec-WebSocket-Extensions: " + extensions + "\r\n")
        + headerLines + "\r\n";
    out.write(request.getBytes(StandardCharsets.US_ASCII));
    out.flush();
    handshakeResponse = readHeaders();
  }

  public String handshakeResponse() {
    return handshakeResponse;
  }

  /** Whether the server took the connection (101). */
  public boolean upgraded() {
    return handshakeResponse.startsWith("HTTP/1.1 101");
  }

  /** Whether the server agreed to permessage-deflate. */
  public boolean deflateNegotiated() {
    return upgraded() && handshakeResponse.contains("permessage-deflate");
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

  /** The next frame, or null when the server closed the TCP connection. */
  public Frame read() throws IOException {
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
    return new Frame((first & 0x80) != 0, (first & 0x40) != 0, first & 0x0f, payload);
  }

  public void sendText(String text) throws IOException {
    out.write(frame(text));
    out.flush();
  }

  /** Sends all messages with one write, so they reach the server together. */
  public void sendTexts(List<String> texts) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    for (String text : texts) {
      all.write(frame(text));
    }
    out.write(all.toByteArray());
    out.flush();
  }

  private static byte[] frame(String text) throws IOException {
    return frame(0x80 | TEXT, text.getBytes(StandardCharsets.UTF_8), true);
  }

  /** Sends one frame with these header bits, masked (as a client must) or not. */
  public void send(boolean fin, boolean rsv1, int opcode, byte[] payload, boolean masked)
      throws IOException {
    out.write(frame((fin ? 0x80 : 0) | (rsv1 ? 0x40 : 0) | opcode, payload, masked));
    out.flush();
  }

  /** The payload split into {@code parts} frames at random places: a text frame then continuations. */
  public void sendFragmented(byte[] payload, int parts, Random random) throws IOException {
    int from = 0;
    for (int part = 0; part < parts; part++) {
      int to = part == parts - 1 ? payload.length
          : from + random.nextInt(payload.length - from + 1);
      send(part == parts - 1, false, part == 0 ? TEXT : 0,
          Arrays.copyOfRange(payload, from, to), true);
      from = to;
    }
  }

  /** One permessage-deflate text message of {@code payload}. */
  public void sendDeflated(byte[] payload) throws IOException {
    send(true, true, TEXT, deflate(payload), true);
  }

  /** Sends one frame: {@code first} is the first header byte (FIN, RSV1, opcode). */
  public void sendFrame(int first, byte[] payload) throws IOException {
    out.write(frame(first, payload, true));
    out.flush();
  }

  /** Sends a compressed (RSV1) final text frame with a permessage-deflate payload. */
  public void sendCompressedText(byte[] deflated) throws IOException {
    sendFrame(0x80 | 0x40 | TEXT, deflated);
  }

  /** Sends {@code count} ping control frames with one write. */
  public void sendPings(int count) throws IOException {
    byte[] ping = frame(0x80 | PING, new byte[0], true);
    ByteArrayOutputStream all = new ByteArrayOutputStream(ping.length * count);
    for (int i = 0; i < count; i++) {
      all.write(ping);
    }
    out.write(all.toByteArray());
    out.flush();
  }

  private static byte[] frame(int first, byte[] payload, boolean masked) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream(payload.length + 14);
    frame.write(first);
    int maskBit = masked ? 0x80 : 0;
    if (payload.length < 126) {
      frame.write(maskBit | payload.length);
    } else if (payload.length <= 0xffff) {
      frame.write(maskBit | 126);
      frame.write(payload.length >> 8);
      frame.write(payload.length & 0xff);
    } else {
      frame.write(maskBit | 127);
      for (int shift = 56; shift >= 0; shift -= 8) {
        frame.write((int) ((long) payload.length >> shift) & 0xff);
      }
    }
    byte[] mask = {1, 2, 3, 4};
    if (masked) {
      frame.write(mask);
    }
    for (int i = 0; i < payload.length; i++) {
      frame.write(masked ? payload[i] ^ mask[i % 4] : payload[i]);
    }
    return frame.toByteArray();
  }

  /** A permessage-deflate payload (RFC 7692: raw deflate, the final 00 00 ff ff removed). */
  public static byte[] deflate(byte[] payload) {
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
    return Arrays.copyOf(bytes, Math.max(0, bytes.length - 4));
  }

  /**
   * A permessage-deflate payload (RFC 7692: raw deflate, sync-flushed, without the trailing
   * 00 00 ff ff) of {@code prefix} followed by {@code size} letters {@code a}: deflate shrinks a
   * run like that about a thousandfold, so a small frame inflates to a huge message.
   */
  public static byte[] deflateBomb(String prefix, int size) {
    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
    ByteArrayOutputStream compressed = new ByteArrayOutputStream();
    byte[] buffer = new byte[65536];
    deflater.setInput(prefix.getBytes(StandardCharsets.UTF_8));
    drain(deflater, buffer, compressed);
    byte[] run = new byte[1 << 20];
    Arrays.fill(run, (byte) 'a');
    for (int left = size; left > 0; left -= run.length) {
      deflater.setInput(run, 0, Math.min(left, run.length));
      drain(deflater, buffer, compressed);
    }
    int n;
    while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
      compressed.write(buffer, 0, n);
    }
    deflater.end();
    byte[] all = compressed.toByteArray();
    return Arrays.copyOf(all, all.length - 4); // the sync flush's 00 00 ff ff
  }

  private static void drain(Deflater deflater, byte[] buffer, ByteArrayOutputStream out) {
    while (!deflater.needsInput()) {
      int n = deflater.deflate(buffer);
      out.write(buffer, 0, n);
    }
  }

  /** Inflates a permessage-deflate payload (RFC 7692: append 00 00 ff ff, raw inflate). */
  public static String inflate(byte[] payload) throws DataFormatException {
    Inflater inflater = new Inflater(true);
    byte[] input = new byte[payload.length + 4];
    System.arraycopy(payload, 0, input, 0, payload.length);
    input[payload.length + 2] = (byte) 0xff;
    input[payload.length + 3] = (byte) 0xff;
    inflater.setInput(input);
    byte[] buffer = new byte[65536];
    int n = inflater.inflate(buffer);
    inflater.end();
    return new String(buffer, 0, n, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
