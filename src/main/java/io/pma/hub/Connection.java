package io.pma.hub;

import io.pma.protocol.CloseCode;
import java.util.List;

/**
 * One client connection as the hub drives it; implemented by the transport. Every method is called
 * on the connection's event loop.
 */
public interface Connection {
  /** Queues the frame's bytes on the channel without flushing (the frame stays owned by the caller). */
  void write(Frame frame);

  /**
   * Queues one fragment (RFC 6455 section 5.4) of a message, made of {@code pieces} in order
   * (from {@link FrameFactory#piece}): the first fragment opens a text message, the last ends it.
   * Only control frames may come between a message's fragments. Not flushed.
   */
  void writeFragment(List<Frame> pieces, boolean first, boolean last);

  void flush();

  /** Whether the channel takes more output now (false once its buffer passed the high-water mark). */
  boolean writable();

  /** Sends a WebSocket ping frame. */
  void ping();

  /** Closes gracefully: the close frame follows the output already written. */
  void close(CloseCode code);

  /**
   * Closes a connection that stopped reading: the close frame is put on the wire after what the
   * channel already holds, and the channel is dropped if the peer does not finish the close soon.
   */
  void abort(CloseCode code);

  String remoteAddress();
}
