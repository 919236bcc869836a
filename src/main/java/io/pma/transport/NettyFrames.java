package io.pma.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.pma.hub.Frame;
import io.pma.hub.FrameFactory;
import java.util.Arrays;
import java.util.zip.Deflater;

/**
 * Builds pre-framed server-to-client text frames (FIN, no mask) in pooled direct buffers, and
 * their permessage-deflate form (RFC 7692): raw deflate, sync-flushed, tail {@code 00 00 ff ff}
 * removed, RSV1 set. The deflater is reset after every message, so messages never depend on each
 * other: valid whether or not server context takeover was negotiated, and no per-connection
 * compression state. One instance per event loop (the deflater is not thread-safe).
 */
final class NettyFrames implements FrameFactory {
  /** Below this size deflate rarely pays; such messages go uncompressed (RSV1 clear), as allowed. */
  static final int MIN_DEFLATE_BYTES = 128;
  private static final int FIN_TEXT = 0x81;
  private static final int FIN_RSV1_TEXT = 0xC1;

  private final ByteBufAllocator allocator;
  private final Deflater deflater;
  private byte[] scratch = new byte[8192];

  NettyFrames(ByteBufAllocator allocator, int compressionLevel) {
    this.allocator = allocator;
    this.deflater = new Deflater(compressionLevel, true);
  }

  @Override
  public Frame text(byte[] json) {
    ByteBuf buf = allocator.directBuffer(headerLength(json.length) + json.length);
    writeHeader(buf, FIN_TEXT, json.length);
    int payloadOffset = buf.writerIndex();
    buf.writeBytes(json);
    return new NettyFrame(this, buf, payloadOffset, json.length);
  }

  @Override
  public Frame piece(byte[] json) {
    ByteBuf buf = allocator.directBuffer(json.length);
    buf.writeBytes(json);
    return new NettyPiece(this, buf);
  }

  /**
   * Writes the header of one fragment of a message made of {@code pieces}: TEXT for the first
   * (with RSV1 when compressed), CONTINUATION after it, FIN on the last.
   */
  static ByteBuf fragmentHeader(ByteBufAllocator allocator, boolean first, boolean last,
      boolean deflate, int payload) {
    int firstByte = (last ? 0x80 : 0) | (first ? (deflate ? 0x41 : 0x01) : 0x00);
    ByteBuf buf = allocator.directBuffer(headerLength(payload));
    writeHeader(buf, firstByte, payload);
    return buf;
  }

  /**
   * A piece's deflated form: sync-flushed with a fresh dictionary and the tail kept, so pieces
   * concatenate (see {@link NettyPiece}).
   */
  ByteBuf deflatePiece(ByteBuf plain) {
    byte[] input = new byte[plain.readableBytes()];
    plain.getBytes(plain.readerIndex(), input);
    int length = deflateToScratch(input);
    ByteBuf out = allocator.directBuffer(length);
    out.writeBytes(scratch, 0, length);
    return out;
  }

  /** Deflates {@code input} into {@link #scratch} with a sync flush; returns the length. */
  private int deflateToScratch(byte[] input) {
    deflater.setInput(input);
    int length = 0;
    do {
      // A full output buffer means more output may follow (Deflater's SYNC_FLUSH contract).
      if (length == scratch.length) {
        scratch = Arrays.copyOf(scratch, scratch.length * 2);
      }
      length += deflater.deflate(scratch, length, scratch.length - length, Deflater.SYNC_FLUSH);
    } while (length == scratch.length);
    deflater.reset();
    return length;
  }

  /** The compressed frame of a plain one (or the plain one itself when too small to bother). */
  ByteBuf deflate(ByteBuf plain, int payloadOffset, int size) {
    if (size < MIN_DEFLATE_BYTES) {
      return plain;
    }
    byte[] input = new byte[size];
    plain.getBytes(payloadOffset, input);
    int length = deflateToScratch(input);
    // Sync flush ends with an empty stored block 00 00 ff ff; RFC 7692 sends it without.
    int compressed = length - 4;
    ByteBuf out = allocator.directBuffer(headerLength(compressed) + compressed);
    writeHeader(out, FIN_RSV1_TEXT, compressed);
    out.writeBytes(scratch, 0, compressed);
    return out;
  }

  static int headerLength(int payload) {
    return payload < 126 ? 2 : payload <= 0xFFFF ? 4 : 10;
  }

  private static void writeHeader(ByteBuf buf, int firstByte, int payload) {
    buf.writeByte(firstByte);
    if (payload < 126) {
      buf.writeByte(payload);
    } else if (payload <= 0xFFFF) {
      buf.writeByte(126);
      buf.writeShort(payload);
    } else {
      buf.writeByte(127);
      buf.writeLong(payload);
    }
  }
}
