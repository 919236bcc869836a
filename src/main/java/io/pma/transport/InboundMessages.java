package io.pma.transport;

import io.pma.hub.Session;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocketFrame;

/**
 * Reassembles fragmented messages and enforces {@code websocket.max_message_bytes} on the
 * uncompressed size (frames arrive here already inflated), then hands whole messages to the
 * session. Every frame, control frames included, proves the peer alive. Runs on the connection's
 * event loop.
 */
final class InboundMessages implements Handler<WebSocketFrame> {
  private final Session session;
  private final int maxBytes;
  private Buffer partial;
  private boolean partialIsText;
  private boolean discarding;

  InboundMessages(Session session, int maxBytes) {
    this.session = session;
    this.maxBytes = maxBytes;
  }

  @Override
  public void handle(WebSocketFrame frame) {
    session.onFrameReceived();
    if (discarding || !(frame.isText() || frame.isBinary() || frame.isContinuation())) {
      return;
    }
    Buffer data = frame.binaryData();
    if (frame.isText() || frame.isBinary()) {
      partialIsText = frame.isText();
      partial = null;
    } else if (partial == null) {
      return; // a continuation without a start: nothing to continue
    }
    int size = (partial == null ? 0 : partial.length()) + data.length();
    if (size > maxBytes) {
      discarding = true;
      session.onTooBig();
      return;
    }
    if (!frame.isFinal()) {
      partial = partial == null ? Buffer.buffer(size * 2).appendBuffer(data)
          : partial.appendBuffer(data);
      return;
    }
    Buffer whole = partial == null ? data : partial.appendBuffer(data);
    partial = null;
    if (partialIsText) {
      session.onText(whole.getBytes());
    } else {
      session.onBinary(whole.length());
    }
  }
}
